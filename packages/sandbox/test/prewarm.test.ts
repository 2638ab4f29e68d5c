/**
 * Pre-warming: while a worker is idle it prepares the next run's context. That context must be
 * brand new (nothing of an earlier run reaches it), and it must be discarded when its runtime is
 * replaced (after a failed run) or the instance is replaced (another memory cap).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '@graft/sandbox';
import { GuestInstance } from '../src/worker/instance.js';
import { quickjsWasmModule } from '../src/pool/wasm.js';
import { DEFAULT_LIMITS } from '../src/limits.js';

const idle = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

describe('pre-warmed contexts', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({ workers: 1 });
  });
  afterAll(() => sandbox.dispose());

  it('carry nothing from the previous run (globals, prototypes, prelude globals)', async () => {
    const polluter = `export default () => {
      globalThis.leaked = 'yes';
      Object.prototype.polluted = 'yes';
      Array.prototype.push = () => 'hijacked';
      JSON.parse = () => 'hijacked';
      globalThis.URL = function FakeURL() {};
      return 1;
    }`;
    const probe = `export default () => ({
      leaked: typeof globalThis.leaked,
      polluted: ({}).polluted === undefined,
      push: [].push(1),
      url: new URL('https://a.example/x?y=1').searchParams.get('y'),
    })`;
    for (let round = 0; round < 5; round++) {
      expect((await sandbox.run(polluter)).ok).toBe(true);
      await idle(); // the worker prepares the next context now
      const r = await sandbox.run(probe, { input: { a: 1 } });
      expect(r).toMatchObject({ ok: true, value: { leaked: 'undefined', polluted: true, push: 1, url: '1' } });
      // back to back too (the prepared context may or may not be ready)
      expect((await sandbox.run(polluter)).ok).toBe(true);
      expect(await sandbox.run(probe)).toMatchObject({ ok: true, value: { leaked: 'undefined', polluted: true, push: 1 } });
    }
  });

  it('survive the runtime being replaced after a timeout and a memory bomb', async () => {
    const t = await sandbox.run('export default () => { for (;;) {} }', { limits: { timeMs: 50 } });
    expect(t.ok ? undefined : t.error.code).toBe('TIMEOUT');
    await idle();
    expect(await sandbox.run('export default (x) => x * 2', { input: 21 })).toMatchObject({ ok: true, value: 42 });
    const m = await sandbox.run('export default () => { const a = []; for (;;) a.push("x".repeat(1 << 16) + a.length) }', {
      limits: { memoryBytes: 24 * 1024 * 1024 },
    });
    expect(m.ok ? undefined : m.error.code).toBe('MEMORY_LIMIT');
    await idle();
    expect(await sandbox.run('export default (x) => x * 2', { input: 4 })).toMatchObject({ ok: true, value: 8 });
  });
});

describe('GuestInstance.prewarm / takeWarm', () => {
  it('hands a prepared context to one run on the same runtime only, and drops it with the runtime', async () => {
    const instance = await GuestInstance.create(await quickjsWasmModule(), DEFAULT_LIMITS.memoryBytes);
    const runtime = instance.acquireRuntime(DEFAULT_LIMITS.stackBytes);
    instance.prewarm();
    const warm = instance.takeWarm(runtime);
    expect(warm?.context.alive).toBe(true);
    expect(instance.takeWarm(runtime)).toBeUndefined(); // handed over once
    expect(warm!.scope.dispose()).toBe(true);
    expect(warm!.context.alive).toBe(false);

    instance.prewarm();
    instance.dropRuntime(); // e.g. after an unclean run
    const next = instance.acquireRuntime(DEFAULT_LIMITS.stackBytes);
    expect(next).not.toBe(runtime);
    expect(instance.takeWarm(next)).toBeUndefined();
    expect(instance.broken).toBe(false);
    instance.dropRuntime();
  });
});
