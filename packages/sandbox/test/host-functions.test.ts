/**
 * Host functions (`capabilities.functions`): JSON in, JSON out, every call checked, counted and
 * time-bounded, results scrubbed — and the attacks on them: flooding, huge or non-JSON arguments,
 * non-JSON or huge results, throwing and hanging functions, calls after the run ended, secrets in
 * results, hostile names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, SandboxUsageError, type HostFunction, type JSONValue, type Sandbox } from '@graft/sandbox';

const SECRET = `s3cr3t-'"\\%+&=/ value`;
const FETCH = { allowHosts: ['api.example.com'], secrets: { API_KEY: SECRET } };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ workers: 1 });
});
afterAll(() => sandbox.dispose());

const run = (source: string, functions: Record<string, HostFunction>, extra: Parameters<Sandbox['run']>[1] = {}) =>
  sandbox.run(source, { ...extra, capabilities: { ...extra.capabilities, functions } });

describe('host functions: the contract', () => {
  it('are async functions on ctx.functions: JSON in, JSON out, counted', async () => {
    const seen: JSONValue[] = [];
    const add: HostFunction = (args) => {
      seen.push(args);
      const { a, b } = args as { a: number; b: number };
      return { sum: a + b };
    };
    const src = `export default async (x, ctx) => {
      let total = 0;
      for (let i = 0; i < 10; i++) total += (await ctx.functions.add({ a: i, b: x })).sum;
      return { total, keys: Object.keys(ctx.functions), frozen: Object.isFrozen(ctx.functions), ctxKeys: Object.keys(ctx) };
    }`;
    const r = await run(src, { add }, { input: 1 });
    expect(r).toMatchObject({ ok: true, value: { total: 55, keys: ['add'], frozen: true, ctxKeys: ['functions'] } });
    expect(r.stats.functionCalls).toBe(10);
    expect(seen).toHaveLength(10);
    expect(seen[3]).toEqual({ a: 3, b: 1 });
  });

  it('run concurrently up to limits.functionConcurrency, and Promise.all works', async () => {
    let active = 0;
    let peak = 0;
    const slow: HostFunction = async (n) => {
      peak = Math.max(peak, ++active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      return (n as number) * 2;
    };
    const r = await run(
      'export default (x, ctx) => Promise.all(Array.from({ length: 20 }, (_, i) => ctx.functions.slow(i)))',
      { slow },
      { limits: { functionConcurrency: 3 } },
    );
    expect(r).toMatchObject({ ok: true, value: Array.from({ length: 20 }, (_, i) => i * 2) });
    expect(peak).toBe(3);
  });

  it('a run without the capability has no ctx.functions', async () => {
    const r = await sandbox.run('export default (x, ctx) => typeof ctx.functions');
    expect(r).toMatchObject({ ok: true, value: 'undefined' });
  });

  it('refuses hostile or invalid names and non-functions before the run', async () => {
    const fn: HostFunction = () => 1;
    for (const functions of [{ __proto__: fn }, { 'a.b': fn }, { constructor: fn }, { '': fn }, { x: 1 }, []] as unknown[]) {
      const options = { capabilities: { functions: functions as Record<string, HostFunction> } };
      if (functions && typeof functions === 'object' && Object.keys(functions).length === 0 && !Array.isArray(functions)) continue;
      await expect(sandbox.run('export default () => 1', options)).rejects.toBeInstanceOf(SandboxUsageError);
    }
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`f${i}`, fn]));
    await expect(sandbox.run('export default () => 1', { capabilities: { functions: many } })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});

describe('host functions: attacks', () => {
  it('flooding: calls past limits.functionCalls are refused without reaching the host', async () => {
    let invoked = 0;
    const ping: HostFunction = () => ++invoked;
    const src = `export default async (x, ctx) => {
      const all = [];
      for (let i = 0; i < 20000; i++) all.push(ctx.functions.ping(i).then(() => 'ok', (e) => e.message));
      const out = await Promise.all(all);
      return { ok: out.filter((o) => o === 'ok').length, refused: out.filter((o) => o !== 'ok').length, sample: out[out.length - 1] };
    }`;
    const r = await run(src, { ping }, { limits: { functionCalls: 50, timeMs: 20_000 } });
    expect(r).toMatchObject({ ok: true, value: { ok: 50, refused: 19950 } });
    expect(r.ok && (r.value as { sample: string }).sample).toMatch(/more than 50 calls/);
    expect(invoked).toBe(50);
    expect(r.stats.functionCalls).toBe(20000);
  }, 30_000);

  it('a run that fails after a refused call reports CAPABILITY_DENIED', async () => {
    const r = await run(
      'export default async (x, ctx) => { for (let i = 0; i < 5; i++) await ctx.functions.f(i) }',
      { f: () => 1 },
      { limits: { functionCalls: 3 } },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'CAPABILITY_DENIED' } });
  });

  it('huge arguments are refused uncopied and never reach the host', async () => {
    let invoked = 0;
    const src = `export default async (x, ctx) => { try { await ctx.functions.f('x'.repeat(2 * 1024 * 1024)); return 'called' } catch (e) { return e.message } }`;
    const r = await run(src, { f: () => ++invoked });
    expect(r.ok && r.value).toMatch(/exceed 1048576 bytes/);
    expect(invoked).toBe(0);
  });

  it('non-JSON arguments fail in the guest (BigInt, cycles) or cross as JSON (functions, undefined)', async () => {
    const seen: JSONValue[] = [];
    const src = `export default async (x, ctx) => {
      const out = [];
      for (const make of [() => 1n, () => { const o = {}; o.self = o; return o }]) {
        try { await ctx.functions.f(make()); out.push('called') } catch (e) { out.push(e.name) }
      }
      await ctx.functions.f({ fn() {}, u: undefined, n: NaN, d: new Date(0), __proto__: { polluted: 1 }, ['__proto__']: 1 });
      await ctx.functions.f();
      return out;
    }`;
    const r = await run(src, { f: (a) => (seen.push(a), null) });
    expect(r).toMatchObject({ ok: true, value: ['TypeError', 'TypeError'] });
    expect(seen).toEqual([{ n: null, d: '1970-01-01T00:00:00.000Z' }, null]);
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.prototype);
  });

  it('non-JSON, cyclic or oversized results reject in the guest; the run goes on', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const results: Record<string, unknown> = {
      big: 1n,
      cyc: cyclic,
      cls: new (class Thing {})(),
      fn: () => 1,
      inf: Infinity,
      huge: 'x'.repeat(2_000_000),
      deep: JSON.parse('['.repeat(300) + ']'.repeat(300)),
    };
    const functions = Object.fromEntries(Object.keys(results).map((k) => [k, (() => results[k]) as HostFunction]));
    const src = `export default async (x, ctx) => {
      const out = {};
      for (const k of ${JSON.stringify(Object.keys(results))}) { try { await ctx.functions[k](); out[k] = 'resolved' } catch (e) { out[k] = e.message } }
      return out;
    }`;
    const r = await run(src, functions);
    expect(r.ok).toBe(true);
    const out = (r.ok ? r.value : {}) as Record<string, string>;
    expect(out.big).toMatch(/returned a bigint, not JSON/);
    expect(out.cyc).toMatch(/cycle/);
    expect(out.cls).toMatch(/non-plain object/);
    expect(out.fn).toMatch(/returned a function/);
    expect(out.inf).toMatch(/non-finite/);
    expect(out.huge).toMatch(/more than 1048576 bytes/);
    expect(out.deep).toMatch(/deeper than 256/);
  });

  it('a throwing host function rejects in the guest with its scrubbed message; secrets in it are redacted', async () => {
    const functions: Record<string, HostFunction> = {
      boom: () => {
        throw new Error(`db down, password ${SECRET}`);
      },
      str: () => Promise.reject('plain string'),
    };
    const src = `export default async (x, ctx) => {
      const out = [];
      for (const k of ['boom', 'str']) { try { await ctx.functions[k]() } catch (e) { out.push(e.message) } }
      return out;
    }`;
    const r = await run(src, functions, { capabilities: { fetch: FETCH } });
    expect(r).toMatchObject({ ok: true, value: ['host function boom failed: db down, password [REDACTED]', 'host function str failed: plain string'] });
    expect(JSON.stringify(r)).not.toContain('s3cr3t');
  });

  it('secrets in results (plain, JSON-escaped, base64, in keys) are scrubbed before the guest sees them', async () => {
    const leak: HostFunction = () => ({
      plain: `token=${SECRET}`,
      b64: Buffer.from(SECRET).toString('base64'),
      nested: [{ deep: SECRET }],
      [SECRET]: 'as a key',
    });
    const src = `export default async (x, ctx) => { const r = await ctx.functions.leak(); ctx.log(JSON.stringify(r)); return { r, text: JSON.stringify(r) } }`;
    const r = await run(src, { leak }, { capabilities: { fetch: FETCH, log: true } });
    expect(r.ok).toBe(true);
    const dump = JSON.stringify(r);
    expect(dump).not.toContain('s3cr3t');
    expect(dump).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(dump).toContain('[REDACTED]');
  });

  it('a secret placeholder passed as an argument reaches the host as the placeholder, never the value', async () => {
    const seen: JSONValue[] = [];
    const r = await run(
      'export default async (x, ctx) => ctx.functions.f({ key: ctx.secret("API_KEY") })',
      { f: (a) => (seen.push(a), 'ok') },
      { capabilities: { fetch: FETCH } },
    );
    expect(r).toMatchObject({ ok: true, value: 'ok' });
    expect(JSON.stringify(seen)).toMatch(/GRAFT_SECRET_[0-9a-f]{24}/);
    expect(JSON.stringify(seen)).not.toContain('s3cr3t');
  });

  it('a hanging host function is bounded by limits.functionTimeMs, and by the run deadline; its signal aborts', async () => {
    const signals: AbortSignal[] = [];
    const hang: HostFunction = (_a, { signal }) => (signals.push(signal), new Promise(() => undefined));
    const bounded = await run(
      'export default async (x, ctx) => { try { await ctx.functions.hang() } catch (e) { return e.message } }',
      { hang },
      { limits: { functionTimeMs: 50 } },
    );
    expect(bounded).toMatchObject({ ok: true, value: 'host function hang did not answer within 50 ms' });
    expect(signals[0].aborted).toBe(true);
    const deadline = await run('export default (x, ctx) => ctx.functions.hang()', { hang }, { limits: { timeMs: 100 } });
    expect(deadline).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signals[1].aborted).toBe(true);
  });

  it('calls after the run ended never reach the host; a late result never reaches the next run', async () => {
    let invoked = 0;
    let release: (v: JSONValue) => void = () => undefined;
    const signals: AbortSignal[] = [];
    const late: HostFunction = (_a, { signal }) => {
      invoked++;
      signals.push(signal);
      return new Promise((resolve) => (release = resolve));
    };
    // The entry returns at once; its pending call and a chain that would call again are dropped.
    const src = `export default (x, ctx) => { ctx.functions.late(1).then(() => ctx.functions.late(2)); Promise.resolve().then(() => Promise.resolve()).then(() => ctx.functions.late(3)); return 'done' }`;
    const r = await run(src, { late });
    expect(r).toMatchObject({ ok: true, value: 'done' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(signals.every((s) => s.aborted)).toBe(true);
    const before = invoked;
    release({ stale: true });
    const next = await run('export default async (x, ctx) => ctx.functions.late(4)', { late: () => 'fresh' });
    expect(next).toMatchObject({ ok: true, value: 'fresh' });
    expect(invoked).toBe(before);
    expect(before).toBeLessThanOrEqual(2);
  });

  it('the guest cannot reach the raw host bridge or forge calls to functions not offered', async () => {
    let invoked = 0;
    const src = `export default async (x, ctx) => {
      const f = ctx.functions.f;
      const probes = [typeof globalThis.hostCall, typeof globalThis.call, Object.getOwnPropertyNames(f).sort().join(','), String(f).includes('hostCall')];
      let forged = 'no';
      try { ctx.functions.g = () => 1; } catch (e) { forged = e.name }
      return { probes, forged, g: typeof ctx.functions.g };
    }`;
    const r = await run(src, { f: () => ++invoked });
    expect(r.ok).toBe(true);
    const v = (r.ok ? r.value : {}) as { probes: unknown[]; forged: string; g: string };
    expect(v.probes.slice(0, 2)).toEqual(['undefined', 'undefined']);
    expect(v.g).toBe('undefined');
    expect(invoked).toBe(0);
  });
});
