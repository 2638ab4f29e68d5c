/**
 * Runs LangGraph's checkpointer conformance suite (`@langchain/langgraph-checkpoint-validation`)
 * against the Graft checkpointer on memory, on a Keyv instance (the stored-index path), on
 * real SQLite files, and on real Redis and PostgreSQL servers (see services.ts).
 *
 * The suite's spec files call `describe`/`it`/`expect`/hooks as globals (Jest style), and
 * this repo's vitest projects do not enable `globals`. The specs only touch those names
 * when `validate()` runs (not at import), so installing vitest's functions on `globalThis`
 * right before the call is enough; no vitest config change is needed. The opt-in
 * `deltaChannelHistoryTests` run too.
 */
import * as vitest from 'vitest';
import { afterAll } from 'vitest';
import { Keyv } from 'keyv';
import { deltaChannelHistoryTests, validate } from '@langchain/langgraph-checkpoint-validation';
import { createCheckpointer, createStore, type GraftCheckpointSaver, type GraftStore } from '@graft/core';
import { tempDir } from './temp-dir.js';
import { isolatedStore, serviceUrl } from './services.js';

const globals = ['describe', 'it', 'test', 'expect', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach'] as const;
for (const name of globals) (globalThis as Record<string, unknown>)[name] = vitest[name];

const tmp = tempDir('graft-checkpoint-');
afterAll(() => tmp.remove());

const stores = new WeakMap<GraftCheckpointSaver, GraftStore>();
let files = 0;

function initializer(name: string, makeStore: () => GraftStore) {
  return {
    checkpointerName: name,
    createCheckpointer() {
      const store = makeStore();
      const saver = createCheckpointer(store);
      stores.set(saver, store);
      return saver;
    },
    async destroyCheckpointer(saver: GraftCheckpointSaver) {
      await stores.get(saver)?.close();
    },
  };
}

const memory = initializer('GraftCheckpointSaver (memory)', () => createStore());
// A Keyv instance takes the stored-index path (what any Keyv adapter uses).
const storedIndex = initializer('GraftCheckpointSaver (keyv, stored index)', () => createStore({ keyv: new Keyv() }));
const sqlite = initializer('GraftCheckpointSaver (sqlite)', () => createStore({ sqlite: tmp.file(`cp-${++files}.db`) }));
const inits = [memory, storedIndex, sqlite];
if (serviceUrl('redis')) inits.push(initializer('GraftCheckpointSaver (redis)', () => isolatedStore('redis')));
if (serviceUrl('postgres')) inits.push(initializer('GraftCheckpointSaver (postgres)', () => isolatedStore('postgres')));
for (const init of inits) {
  validate(init);
  // Opt-in part of the suite (not run by validate): the DeltaChannel history walk.
  deltaChannelHistoryTests(init);
}
