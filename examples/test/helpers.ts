/**
 * Shared set-up of the example tests: the Clash Royale stand-in API, the recorded model served
 * by the providers' mock server, a wired Graft app on a temporary SQLite file, and an SSE reader.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, type MockReply, type MockScript, type MockServer } from '@graft/providers/testing';
import { createGraftApp, type GraftApp } from '../shared/graft-app.js';
import { loadClashRoyaleFixtures, startClashRoyaleStandIn, type ClashRoyaleFixtures, type ClashRoyaleStandIn } from '../quickstart/clash-royale.js';
import { recordedConversation } from '../quickstart/recording.js';

/** Everything a flow test needs. */
export interface Fixture {
  api: ClashRoyaleStandIn;
  apiKey: string;
  fx: ClashRoyaleFixtures;
  model: MockServer;
  graft: GraftApp;
  dir: string;
  close(): Promise<void>;
}

/**
 * Starts the stand-in, the recorded model (or `script` of the model's replies) and a Graft app on
 * a fresh SQLite file.
 */
export async function startFixture(script?: (fx: ClashRoyaleFixtures) => MockReply[] | MockScript): Promise<Fixture> {
  const apiKey = `cr-canary-${randomBytes(8).toString('hex')}`;
  const api = await startClashRoyaleStandIn(loadClashRoyaleFixtures(), apiKey);
  const fx = loadClashRoyaleFixtures(api.origin);
  const model = await createMockServer({ script: script ? script(fx) : recordedConversation(fx) });
  const dir = mkdtempSync(join(tmpdir(), 'graft-examples-'));
  const graft = await createGraftApp({
    standard: openaiCompatible({ id: 'recorded', baseURL: model.url, apiKey: 'replay', model: 'recorded-model', maxRetries: 0 }),
    sqlite: join(dir, 'graft.sqlite'),
    masterKey: randomBytes(32),
    allowLocalApis: true,
  });
  return {
    api,
    apiKey,
    fx,
    model,
    graft,
    dir,
    async close() {
      await graft.close();
      await model.close();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One parsed server-sent event. */
export interface Frame {
  event: string;
  data: any;
}

/** Reads a whole SSE response. */
export async function readSse(res: Response): Promise<{ frames: Frame[]; raw: string }> {
  const raw = await res.text();
  const frames = raw
    .split('\n\n')
    .filter((f) => f.trim())
    .map((f) => ({ event: /^event: (.*)$/m.exec(f)?.[1] ?? '', data: JSON.parse(/^data: (.*)$/m.exec(f)?.[1] ?? 'null') }));
  return { frames, raw };
}

/** POSTs JSON. */
export function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
