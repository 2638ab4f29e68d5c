/**
 * sandbox.run: entries, input/output across the JSON boundary, capabilities present only when
 * granted, logs, isolation between runs, and typed errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, DEFAULT_LIMITS, SandboxUsageError, type Sandbox } from '@graft/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.dispose();
});

describe('entries and values', () => {
  it('calls the default export with input and returns its value', async () => {
    const r = await sandbox.run('export default (x) => ({ doubled: x.n * 2 })', { input: { n: 21 } });
    expect(r).toMatchObject({ ok: true, value: { doubled: 42 } });
    expect(r.stats.durationMs).toBeGreaterThan(0);
  });

  it('calls a dotted entry with its parent as this', async () => {
    const src = 'export const tools = { getPlayer: { prefix: "p:", async run(input) { return this.prefix + input.tag } } }';
    const r = await sandbox.run(src, { entry: 'tools.getPlayer.run', input: { tag: 'X1' } });
    expect(r).toMatchObject({ ok: true, value: 'p:X1' });
  });

  it('supports top-level await', async () => {
    const r = await sandbox.run('const v = await Promise.resolve(7); export default () => v * 6');
    expect(r).toMatchObject({ ok: true, value: 42 });
  });

  it('passes (input, ctx) and returns undefined as null', async () => {
    const r = await sandbox.run('export default (input, ctx) => { if (typeof ctx !== "object") throw new Error("no ctx"); }');
    expect(r).toMatchObject({ ok: true, value: null });
  });

  it('fails with GUEST_ERROR when the entry is not a function', async () => {
    const r = await sandbox.run('export const x = 1', { entry: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR' } });
    if (!r.ok) expect(r.error.message).toContain('not an exported function');
  });

  it('drops __proto__ and constructor keys from the result', async () => {
    const src = 'export default () => JSON.parse(\'{"a":1,"__proto__":{"polluted":true},"constructor":{"x":1},"n":{"__proto__":{"y":2},"ok":true}}\')';
    const r = await sandbox.run(src);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toEqual({ a: 1, n: { ok: true } });
      expect(Object.prototype.hasOwnProperty.call(r.value, '__proto__')).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('keeps the key order of objects, at every depth', async () => {
    const r = await sandbox.run('export default () => ({ tag: "#A", name: "x", stats: { wins: 1, losses: 2, list: [{ b: 1, a: 2 }] }, z: 0 })');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(r.value)).toBe('{"tag":"#A","name":"x","stats":{"wins":1,"losses":2,"list":[{"b":1,"a":2}]},"z":0}');
  });

  it('returns only JSON: functions, symbols and undefined properties disappear', async () => {
    const r = await sandbox.run('export default () => ({ f() {}, s: Symbol("x"), u: undefined, d: new Date(0), n: [1, undefined] })');
    expect(r).toMatchObject({ ok: true, value: { d: '1970-01-01T00:00:00.000Z', n: [1, null] } });
    if (r.ok) expect(Object.keys(r.value as object).sort()).toEqual(['d', 'n']);
  });
});

describe('errors', () => {
  it('maps a syntax error to INVALID_MODULE', async () => {
    const r = await sandbox.run('export default (');
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_MODULE' } });
  });

  it('refuses static imports: there is no module loader', async () => {
    const r = await sandbox.run("import fs from 'fs'; export default () => typeof fs");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['INVALID_MODULE', 'GUEST_ERROR']).toContain(r.error.code);
  });

  it("reports the guest's message for a thrown error as GUEST_ERROR", async () => {
    const r = await sandbox.run('export default () => { throw new TypeError("bad input: name missing") }');
    expect(r).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR', message: 'bad input: name missing' } });
  });

  it('handles thrown non-errors and truncates long messages', async () => {
    const r1 = await sandbox.run('export default () => { throw 42 }');
    expect(r1).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR', message: '42' } });
    const r2 = await sandbox.run('export default () => { throw new Error("x".repeat(100000)) }');
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.message.length).toBeLessThan(1100);
  });

  it('a guest cannot forge a limit code by throwing its text', async () => {
    const r = await sandbox.run('export default () => { const e = new Error("The run exceeded its time limit"); e.name = "TIMEOUT"; throw e }');
    expect(r).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR' } });
  });

  it('OUTPUT_LIMIT for a too large or too deep result', async () => {
    const big = await sandbox.run('export default () => "x".repeat(2000)', { limits: { outputBytes: 1000 } });
    expect(big).toMatchObject({ ok: false, error: { code: 'OUTPUT_LIMIT' } });
    const deep = await sandbox.run('export default () => { let v = 1; for (let i = 0; i < 300; i++) v = [v]; return v }');
    expect(deep).toMatchObject({ ok: false, error: { code: 'OUTPUT_LIMIT' } });
    const deeper = await sandbox.run('export default () => { let v = 1; for (let i = 0; i < 1e5; i++) v = { v }; return v }');
    expect(deeper).toMatchObject({ ok: false, error: { code: 'OUTPUT_LIMIT' } });
  });

  it('a result JSON cannot hold has its own code: OUTPUT_NOT_JSON (BigInt), OUTPUT_CYCLIC (a cycle)', async () => {
    for (const code of ['() => 10n', '() => ({ a: [1, { n: 2n }] })', '() => ({ toJSON() { return 3n } })']) {
      const r = await sandbox.run(`export default ${code}`);
      expect(r).toMatchObject({ ok: false, error: { code: 'OUTPUT_NOT_JSON', message: expect.stringContaining('BigInt') } });
    }
    for (const code of [
      '() => { const a = {}; a.a = a; return a }',
      '() => { const a = [1]; a.push({ deep: { back: a } }); return { list: a } }',
      '() => ({ toJSON() { const o = {}; o.self = o; return o } })',
    ]) {
      const r = await sandbox.run(`export default ${code}`);
      expect(r).toMatchObject({ ok: false, error: { code: 'OUTPUT_CYCLIC', message: expect.stringContaining('cycle') } });
    }
    // the same object twice, without a cycle, is plain JSON
    const shared = await sandbox.run('export default () => { const s = { v: 1 }; return { a: s, b: [s, s], c: { d: s } } }');
    expect(shared).toEqual(expect.objectContaining({ ok: true, value: { a: { v: 1 }, b: [{ v: 1 }, { v: 1 }], c: { d: { v: 1 } } } }));
  });

  it('guest code that throws while the result is read (getter, toJSON, proxy) is a GUEST_ERROR, even when it fakes a cycle', async () => {
    const cases = [
      '() => ({ get x() { throw new Error("getter broke") } })',
      '() => ({ ok: 1, nested: { toJSON() { throw new Error("toJSON broke") } } })',
      '() => new Proxy({}, { ownKeys() { throw new Error("trap broke") } })',
      // the text of a real cycle error does not make it a cycle
      '() => { const a = {}; return { a, get b() { throw new TypeError("circular reference") } } }',
    ];
    for (const code of cases) {
      const r = await sandbox.run(`export default ${code}`);
      expect(r).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR', message: expect.stringMatching(/reading the result threw: .*(broke|circular)/) } });
    }
  });

  it('a never-settling entry fails fast instead of hanging', async () => {
    const started = Date.now();
    const r = await sandbox.run('export default () => new Promise(() => {})');
    expect(r).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR' } });
    expect(Date.now() - started).toBeLessThan(DEFAULT_LIMITS.timeMs);
  });

  it('throws typed usage errors for bad input and options', async () => {
    const deep: unknown[] = [];
    let cur = deep;
    for (let i = 0; i < 1000; i++) {
      const next: unknown[] = [];
      cur.push(next);
      cur = next;
    }
    await expect(sandbox.run('export default (x) => x', { input: deep as never })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(sandbox.run('export default (x) => x', { input: { f: () => 1 } as never })).rejects.toBeInstanceOf(SandboxUsageError);
    await expect(sandbox.run('export default (x) => x', { limits: { stackBytes: 1024 * 1024 } })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(sandbox.run('export default (x) => x', { entry: 'a..b' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(sandbox.run('export default (x) => x', { capabilities: { fetch: { allowHosts: ['https://api.example.com'] } } })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining('not URLs'),
    });
  });
});

describe('capabilities and isolation', () => {
  it('ctx has no fetch, secret or log unless granted', async () => {
    const r = await sandbox.run('export default (i, ctx) => [typeof ctx.fetch, typeof ctx.secret, typeof ctx.log, Object.keys(ctx).length]');
    expect(r).toMatchObject({ ok: true, value: ['undefined', 'undefined', 'undefined', 0] });
  });

  it('collects logs when granted, capped at limits.logBytes', async () => {
    const r = await sandbox.run(
      'export default (i, ctx) => { ctx.log("hello", { a: 1 }); ctx.log.warn("careful"); for (let k = 0; k < 1000; k++) ctx.log("x".repeat(100)); return 1 }',
      {
        capabilities: { log: true },
        limits: { logBytes: 2000 },
      },
    );
    expect(r.ok).toBe(true);
    expect(r.logs[0]).toEqual({ level: 'info', message: 'hello {"a":1}' });
    expect(r.logs[1]).toEqual({ level: 'warn', message: 'careful' });
    const total = r.logs.reduce((n, l) => n + l.message.length, 0);
    expect(total).toBeLessThan(2200);
    expect(r.logs.at(-1)?.message).toContain('truncated');
  });

  it('a huge log line is dropped without being copied to the host', async () => {
    const r = await sandbox.run('export default (i, ctx) => { ctx.log("x".repeat(5e6)); ctx.log("small"); return 1 }', {
      capabilities: { log: true },
      limits: { logBytes: 10_000 },
    });
    expect(r.ok).toBe(true);
    expect(r.logs[0].message).toContain('was dropped');
    expect(r.logs.some((l) => l.message === 'small')).toBe(true);
  });

  it('no state carries over between runs (globals, prototypes)', async () => {
    const first = await sandbox.run('globalThis.leak = 1; Object.prototype.polluted = "yes"; Array.prototype.push = null; export default () => 1');
    expect(first.ok).toBe(true);
    const second = await sandbox.run('export default () => [typeof globalThis.leak, ({}).polluted === undefined, typeof [].push]');
    expect(second).toMatchObject({ ok: true, value: ['undefined', true, 'function'] });
  });

  it('the guest globals are the documented ones', async () => {
    const { GUEST_GLOBALS } = await import('@graft/sandbox');
    const r = await sandbox.run('export default () => Object.getOwnPropertyNames(globalThis).sort()');
    expect(r).toMatchObject({ ok: true, value: [...GUEST_GLOBALS] });
  });

  it('runs many small runs concurrently through the pool', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => sandbox.run('export default (x) => x + 1', { input: i })));
    expect(results.map((r) => (r.ok ? r.value : null))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('one signal can be reused for many runs without accumulating listeners', async () => {
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    const remove = controller.signal.removeEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => (added++, add(...args))) as typeof add;
    controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (removed++, remove(...args))) as typeof remove;
    for (let i = 0; i < 30; i++) {
      const r = await sandbox.run('export default (x) => x', { input: i, signal: controller.signal });
      expect(r).toMatchObject({ ok: true, value: i });
    }
    expect(added).toBeGreaterThan(0);
    expect(added - removed).toBe(0);
  });

  it('an aborted run ends with ABORTED and the sandbox keeps working', async () => {
    const controller = new AbortController();
    const pending = sandbox.run('export default () => { for (;;) {} }', { signal: controller.signal, limits: { timeMs: 10_000 } });
    setTimeout(() => controller.abort(), 50);
    const r = await pending;
    expect(r).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    const after = await sandbox.run('export default () => "alive"');
    expect(after).toMatchObject({ ok: true, value: 'alive' });
  });
});

describe('entry edge cases', () => {
  it('a throwing getter on the entry path, a null parent and a Proxy namespace value are guest errors', async () => {
    const getter = await sandbox.run('export const tools = { get run() { throw new Error("getter says no") } }', { entry: 'tools.run' });
    expect(getter).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR' } });
    const nul = await sandbox.run('export const tools = null', { entry: 'tools.run' });
    expect(nul).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR' } });
    const proxy = await sandbox.run('export const tools = new Proxy({}, { get: () => () => "from proxy" })', { entry: 'tools.anything' });
    expect(proxy).toMatchObject({ ok: true, value: 'from proxy' });
    const after = await sandbox.run('export default () => "ok"');
    expect(after).toMatchObject({ ok: true, value: 'ok' });
  });

  it('an error whose name/message getters throw is still reported', async () => {
    const r = await sandbox.run('export default () => { throw { get message() { throw 1 }, get name() { throw 2 } } }');
    expect(r).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR' } });
  });

  it('a rejected async entry and a rejected top-level await are guest errors with the message', async () => {
    const a = await sandbox.run('export default async () => { throw new RangeError("async nope") }');
    expect(a).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR', message: 'async nope' } });
    const b = await sandbox.run('await Promise.reject(new Error("tla nope")); export default () => 1');
    expect(b).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR', message: 'tla nope' } });
  });
});
