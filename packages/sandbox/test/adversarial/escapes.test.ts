/**
 * Escape attempts: constructor chains, prototype pollution, V8 stack hooks, Proxy traps,
 * Symbol.species, function.caller and dynamic import. Each asserts containment: no host value
 * (the env canary, host paths, Node globals) appears anywhere, and the host is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunResult, type Sandbox } from '@graft/sandbox';

const ENV_CANARY = 'env-canary-4c1f0a9d';
let sandbox: Sandbox;
beforeAll(async () => {
  process.env.GRAFT_SANDBOX_TEST_CANARY = ENV_CANARY;
  sandbox = await createSandbox();
});
afterAll(async () => {
  delete process.env.GRAFT_SANDBOX_TEST_CANARY;
  await sandbox.dispose();
});

function contained(r: RunResult) {
  const text = JSON.stringify(r);
  expect(text).not.toContain(ENV_CANARY);
  expect(text).not.toMatch(/\/work\/|node_modules|node:internal|worker_threads/);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((Array.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
}

/** Probes for Node/host facilities from whatever `g` is; all must be absent. */
const PROBE = `(g) => ({ process: typeof g.process, require: typeof g.require, Buffer: typeof g.Buffer, fetch: typeof g.fetch,
  module: typeof g.module, setTimeout: typeof g.setTimeout, std: typeof g.std, os: typeof g.os })`;
const ABSENT = {
  process: 'undefined',
  require: 'undefined',
  Buffer: 'undefined',
  fetch: 'undefined',
  module: 'undefined',
  setTimeout: 'undefined',
  std: 'undefined',
  os: 'undefined',
};

describe('escapes are contained', () => {
  it('constructor chains reach only the guest global', async () => {
    const src = `const probe = ${PROBE};
      export default (i, ctx) => [
        probe(ctx.constructor.constructor('return this')()),
        probe((() => {}).constructor('return globalThis')()),
        probe(ctx.log.constructor.constructor('return this')()),
        probe(Object.getPrototypeOf(async function () {}).constructor('return this')),
      ]`;
    const r = await sandbox.run(src, { capabilities: { log: true } });
    expect(r).toMatchObject({ ok: true, value: [ABSENT, ABSENT, ABSENT, ABSENT] });
    contained(r);
  });

  it('prototype pollution stays in the guest and in its run', async () => {
    const src = `Object.prototype.polluted = 'yes'; Array.prototype.polluted = 'yes';
      export default () => JSON.parse('{"__proto__": {"polluted": "host"}, "constructor": {"prototype": {"polluted": "host"}}, "ok": 1}')`;
    const r = await sandbox.run(src);
    expect(r).toMatchObject({ ok: true, value: { ok: 1 } });
    contained(r);
    const next = await sandbox.run('export default () => ({}).polluted === undefined && [].polluted === undefined');
    expect(next).toMatchObject({ ok: true, value: true });
  });

  it('Error.prepareStackTrace and captureStackTrace hooks give nothing of the host', async () => {
    const src = `Error.prepareStackTrace = (e, frames) => frames.map((f) => f.getThis && f.getThis());
      Error.captureStackTrace = () => {};
      export default async (i, ctx) => {
        let caught;
        try { await ctx.fetch('https://not-allowed.example/'); } catch (e) { caught = { name: e.name, message: e.message, stack: String(e.stack), keys: Object.getOwnPropertyNames(e) }; }
        throw new Error(JSON.stringify(caught));
      }`;
    const r = await sandbox.run(src, { capabilities: { fetch: { allowHosts: ['allowed.example'] } } });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error.message).toContain('not in allowHosts');
    contained(r);
  });

  it('Proxy traps on the result and on thrown values run inside the guest, under the deadline', async () => {
    const trapLoop = await sandbox.run('export default () => new Proxy({}, { ownKeys() { for (;;) {} } })', { limits: { timeMs: 300 } });
    expect(trapLoop).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    const trapThrow = await sandbox.run('export default () => { throw new Proxy({}, { get(t, k) { throw new Error("trap " + String(k)) } }) }');
    expect(trapThrow).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR' } });
    const trapValue = await sandbox.run('export default () => new Proxy({ a: 1 }, { get: (t, k) => k === "toJSON" ? undefined : "spoof" })');
    expect(trapValue).toMatchObject({ ok: true, value: { a: 'spoof' } });
    contained(trapLoop);
    contained(trapThrow);
    contained(trapValue);
  });

  it('Promise and Array Symbol.species / then overrides do not break or reach the host glue', async () => {
    const src = `
      let stolen = [];
      const then = Promise.prototype.then;
      const note = (x) => { stolen[stolen.length] = x; };
      Promise.prototype.then = function (a, b) { note(typeof a); return then.call(this, a, b); };
      Object.defineProperty(Promise, Symbol.species, { get() { note('species'); return Promise; } });
      Object.defineProperty(Array, Symbol.species, { get() { note('array-species'); return Array; } });
      Array.prototype.push = function () { return 0; };
      Array.prototype.slice = function () { return []; };
      JSON.parse = () => ({ forged: true });
      JSON.stringify = () => '"forged"';
      export default async (i, ctx) => {
        const r = await ctx.fetch('https://not-allowed.example/').catch((e) => e.message);
        return { r, stolen: stolen.length >= 0, n: [1, 2].map((x) => x * 2) };
      }`;
    const r = await sandbox.run(src, { capabilities: { fetch: { allowHosts: ['allowed.example'] } } });
    // The host glue captured its intrinsics before the module ran: the result still crosses intact.
    expect(r).toMatchObject({ ok: true, value: { stolen: true, n: [2, 4] } });
    if (r.ok) expect((r.value as { r: string }).r).toContain('not in allowHosts');
    contained(r);
  });

  it('function.caller and arguments.callee.caller expose no host glue', async () => {
    const src = `const sloppy = Function('return [typeof arguments.callee.caller, (function f(){ try { return typeof f.caller } catch (e) { return "throws" } })()]');
      export default sloppy`;
    const r = await sandbox.run(src);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const [outer] = r.value as string[];
      // a strict caller (the bootstrap) is reported as null, never as a callable
      expect(outer).not.toBe('function');
    }
    contained(r);
  });

  it('dynamic import() fails: there is no module loader', async () => {
    for (const spec of ['fs', 'node:child_process', 'data:text/javascript,export default 1', './other.js', '/etc/passwd']) {
      const r = await sandbox.run(`export default async () => { const m = await import(${JSON.stringify(spec)}); return typeof m }`);
      expect(r.ok, spec).toBe(false);
      if (!r.ok) expect(['GUEST_ERROR', 'INVALID_MODULE']).toContain(r.error.code);
      contained(r);
    }
  });

  it('host functions are never reachable from globalThis or ctx', async () => {
    const src = `export default (i, ctx) => {
      const natives = [];
      const seen = new Set();
      const walk = (o, d) => {
        if (d > 4 || o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) return;
        seen.add(o);
        for (const k of Reflect.ownKeys(o)) {
          let v; try { v = o[k]; } catch { continue; }
          if (typeof v === 'function' && /\\[native code\\]/.test(Function.prototype.toString.call(v)) && (v.name === 'fetch' || (v.name === 'log' && v !== Math.log) || v.name === 'source')) natives.push(String(k));
          walk(v, d + 1);
        }
      };
      walk(ctx, 0); walk(globalThis, 0);
      return natives;
    }`;
    const r = await sandbox.run(src, { capabilities: { fetch: { allowHosts: ['a.example'] }, log: true } });
    expect(r).toMatchObject({ ok: true, value: [] });
  });
});
