/**
 * Reading the result: the fast path (the guest's `JSON.stringify`, captured before the module ran)
 * and the tagged serializer it falls back to agree with each other at the edges, and a guest that
 * replaces the intrinsics either one uses changes neither the value nor the error code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '@graft/sandbox';

describe('the run result', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox();
  });
  afterAll(() => sandbox.dispose());

  const nest = (levels: number) => `export default () => { let v = 1; for (let i = 0; i < ${levels}; i++) v = { v }; return v }`;

  it('nesting: 256 levels cross, 257 are OUTPUT_LIMIT with the depth message', async () => {
    const ok = await sandbox.run(nest(256));
    expect(ok.ok).toBe(true);
    let depth = 0;
    for (let v = ok.ok ? ok.value : null; v !== null && typeof v === 'object'; v = (v as { v: unknown }).v as typeof v) depth++;
    expect(depth).toBe(256);
    const over = await sandbox.run(nest(257));
    expect(over).toMatchObject({ ok: false, error: { code: 'OUTPUT_LIMIT', message: expect.stringContaining('nested deeper than 256 levels') } });
  });

  it('values JSON drops become null, as JSON.stringify says', async () => {
    for (const code of ['() => undefined', '() => () => 1', '() => ({ toJSON() { return undefined } })', '() => Symbol("s")']) {
      expect(await sandbox.run(`export default ${code}`)).toMatchObject({ ok: true, value: null });
    }
    expect(await sandbox.run('export default () => ({ a: undefined, f() {}, n: NaN, d: new Date(0) })')).toMatchObject({
      ok: true,
      value: { n: null, d: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('a result over limits.outputBytes is OUTPUT_LIMIT naming the limit (plain and multi-byte text)', async () => {
    for (const text of ['"x".repeat(1001)', '"é".repeat(600)']) {
      const r = await sandbox.run(`export default () => ${text}`, { limits: { outputBytes: 1000 } });
      expect(r).toMatchObject({ ok: false, error: { code: 'OUTPUT_LIMIT', message: expect.stringContaining('exceeds 1000 bytes') } });
    }
    expect(await sandbox.run('export default () => "é".repeat(400)', { limits: { outputBytes: 1000 } })).toMatchObject({ ok: true });
  });

  it('a guest that replaces JSON.stringify, String, Reflect.apply and Map methods changes neither values nor codes', async () => {
    const tamper = `
      JSON.stringify = () => '"forged"';
      globalThis.String = () => 'forged';
      Reflect.apply = () => { throw new Error('forged apply') };
      Map.prototype.get = () => undefined;
      Map.prototype.set = function () { return this };
      Object.prototype.toJSON = undefined;
    `;
    expect(await sandbox.run(`${tamper} export default () => ({ a: [1, 'two', { three: 3 }] })`)).toMatchObject({
      ok: true,
      value: { a: [1, 'two', { three: 3 }] },
    });
    const cyclic = await sandbox.run(`${tamper} export default () => { const a = {}; a.a = a; return a }`);
    expect(cyclic).toMatchObject({ ok: false, error: { code: 'OUTPUT_CYCLIC' } });
    const bigint = await sandbox.run(`${tamper} export default () => ({ n: 1n })`);
    expect(bigint).toMatchObject({ ok: false, error: { code: 'OUTPUT_NOT_JSON' } });
    const deep = await sandbox.run(`${tamper} ${nest(300).replace('export default', 'const f =')}; export default f`);
    expect(deep).toMatchObject({ ok: false, error: { code: 'OUTPUT_LIMIT', message: expect.stringContaining('nested deeper') } });
  });

  it('a result read twice by the fallback still reports the guest error of its getter', async () => {
    const r = await sandbox.run('export default () => { let n = 0; return { get x() { n++; throw new Error("getter call " + n) } } }');
    expect(r).toMatchObject({ ok: false, error: { code: 'GUEST_ERROR', message: expect.stringMatching(/reading the result threw: getter call \d/) } });
  });
});
