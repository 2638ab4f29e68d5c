import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '@graft/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.dispose();
});

describe('sandbox.run basics', () => {
  it('calls the default export with input and returns its value', async () => {
    const r = await sandbox.run('export default (x) => ({ doubled: x.n * 2 })', { input: { n: 21 } });
    expect(r).toMatchObject({ ok: true, value: { doubled: 42 } });
  });
  it('calls a dotted entry with its parent as this', async () => {
    const src = 'export const tools = { getPlayer: { prefix: "p:", async run(input) { return this.prefix + input.tag } } }';
    const r = await sandbox.run(src, { entry: 'tools.getPlayer.run', input: { tag: 'X1' } });
    expect(r).toMatchObject({ ok: true, value: 'p:X1' });
  });
});
