// The module lifecycle driven by the host app directly (without the agent): generate,
// validate/repair, approve (host code only), install, credentials, live test.
import { createRouter, createStore } from '@graft/core';
import { ModuleManager } from '@graft/modules';
import { fromEnv } from '@graft/providers';

const store = createStore({ sqlite: '.graft/graft.sqlite' });
const modules = new ModuleManager({ store, router: createRouter({ tiers: { standard: fromEnv(), heavy: fromEnv() } }), vault: {} });
modules.on('event', (e) => console.log(e.type));

const outcome = await modules.build({ request: 'Current weather for a city from api.open-meteo.com' });
if (outcome.passed) {
  // Only a validated bundle can be approved (build() validated it); single-use, expires in 15 minutes.
  const approval = await modules.approve(outcome.draft, { by: 'admin@example.com' }); // bound to the bundle's sha256
  const record = await modules.install(outcome.draft, approval);
  if (record.status === 'awaiting_credentials') await modules.setCredentials(record.name, { API_KEY: process.env.WEATHER_KEY ?? '' }); // encrypted at rest
  if (record.status !== 'installed') await modules.liveTest(record.name); // live cases against the real API, then `installed`
}
console.log(await modules.list());
