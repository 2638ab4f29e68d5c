// Running untrusted code directly in the sandbox: limits, a host allowlist and a secret the
// guest only ever sees as a placeholder.
import { createSandbox } from '@graft/sandbox';

const sandbox = await createSandbox({ limits: { timeMs: 2_000, memoryBytes: 32 * 1024 * 1024 } });
const source = `
  export async function weather(input, ctx) {
    const url = 'https://api.example.com/v1/current?city=' + encodeURIComponent(input.city);
    const res = await ctx.fetch(url, { headers: { Authorization: 'Bearer ' + ctx.secret('WEATHER_KEY') } });
    return { status: res.status, body: await res.json() };
  }`;
const result = await sandbox.run(source, {
  entry: 'weather',
  input: { city: 'Lyon' },
  capabilities: { fetch: { allowHosts: ['api.example.com'], secrets: { WEATHER_KEY: process.env.WEATHER_KEY ?? '' } }, log: true },
});
console.log(result.ok ? result.value : `${result.error.code}: ${result.error.message}`);
await sandbox.close();
