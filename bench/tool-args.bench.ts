/**
 * Cost of keeping module input-schema regular expressions off the host: one tool call of an
 * installed module whose schema has a `pattern` (the pattern is evaluated in a sandbox run, then
 * the host validates with an exact-match stand-in) against the same call with a schema without
 * one (validated on the host in `parse`), measured in the same run. Prints medians and the ratio.
 */
import { randomBytes } from 'node:crypto';
import { createStore } from '@graft/core';
import { createSandbox } from '@graft/sandbox';
import { ModuleManager, type Draft } from '@graft/modules';

const RUNS = 200;

function draft(name: string, input: Record<string, unknown>): Draft {
  return {
    request: name,
    round: 0,
    bundle: {
      manifest: {
        name,
        version: '1.0.0',
        description: name,
        category: 'utility',
        permissions: { hosts: [] },
        credentials: [],
        tools: [{ name: 'take', description: 'take' }],
      },
      code: `export const tools = { take: { description: 'take', input: ${JSON.stringify(input)}, async run(input) { return input; } } };`,
      tests: [{ name: 'take returns its input', entry: 'tools.take.run', input: { tag: '#ABC' }, expect: { tag: '#ABC' } }],
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const sandbox = await createSandbox();
  const manager = new ModuleManager({ store: createStore(), sandbox, vault: { key: randomBytes(32) } });
  const plain = draft('plain', { type: 'object', properties: { tag: { type: 'string', minLength: 2 } }, required: ['tag'] });
  const patterned = draft('patterned', { type: 'object', properties: { tag: { type: 'string', pattern: '^#[A-Z0-9]{3,12}$' } }, required: ['tag'] });
  for (const d of [plain, patterned]) {
    if (!(await manager.validate(d)).passed) throw new Error(`${d.bundle.manifest.name} failed validation`);
    await manager.install(d, await manager.approve(d, { by: 'bench' }));
  }
  const tools = new Map(
    manager
      .toolSource()
      .list()
      .map((t) => [t.name, t]),
  );
  const ctx = { threadId: 't', toolCallId: 'c', signal: new AbortController().signal, requestInput: async () => undefined as never };
  const call = async (name: string) => {
    const tool = tools.get(name)!;
    const parsed = tool.parse({ tag: '#ABC123' });
    if (!parsed.ok) throw new Error('invalid');
    return tool.execute(parsed.value, ctx);
  };
  const times = { plain: [] as number[], patterned: [] as number[] };
  for (let i = 0; i < 20; i++) await Promise.all([call('plain__take'), call('patterned__take')]);
  for (let i = 0; i < RUNS; i++) {
    // alternate so drift hits both alike
    for (const [key, name] of [
      ['plain', 'plain__take'],
      ['patterned', 'patterned__take'],
    ] as const) {
      const t0 = performance.now();
      await call(name);
      times[key].push(performance.now() - t0);
    }
  }
  const p = median(times.plain);
  const q = median(times.patterned);
  console.log(`tool call, schema without pattern: median ${p.toFixed(2)} ms`);
  console.log(`tool call, schema with pattern (checked in the sandbox): median ${q.toFixed(2)} ms, ratio ${(q / p).toFixed(2)}×`);
  await sandbox.dispose();
}

await main();
