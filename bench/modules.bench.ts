/**
 * @graft/modules benchmarks (medians, with ratios against baselines measured in this process):
 * - validate: a module with 10 tools and 30 fixture-backed cases (target ≤ 150 ms), vs one sandbox run,
 *   and the same on a two-worker sandbox, vs one worker;
 * - install/uninstall round trip on SQLite, vs one store set+get+delete;
 * - tool listing with 1,000 installed modules (target ≤ 5 ms) and agent start with 1,000 installed
 *   modules (target ≤ 500 ms, no sandbox created), vs an empty registry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Agent, createStore } from '@graft/core';
import type { ChatProvider } from '@graft/providers';
import { createSandbox } from '@graft/sandbox';
import { bundleHash, ModuleManager, ModuleRegistry, type Draft, type ModuleBundle, type ModuleState } from '@graft/modules';

const KEY = randomBytes(32).toString('base64');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function measure(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const fmt = (ms: number) => (ms < 0.001 ? `${(ms * 1e6).toFixed(0)} ns` : ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
function row(label: string, ms: number, baseline?: { label: string; ms: number }, target?: number) {
  const ratio = baseline ? `  (${(ms / baseline.ms).toFixed(1)}× ${baseline.label})` : '';
  const t = target !== undefined ? `  target ≤ ${target} ms: ${ms <= target ? 'OK' : 'MISSED'}` : '';
  console.log(`${label.padEnd(58)} median ${fmt(ms).padStart(10)}${ratio}${t}`);
}

function tenToolModule(): ModuleBundle {
  const names = Array.from({ length: 10 }, (_, i) => `tool${i}`);
  const code = `const API = 'https://api.example.com';
export const tools = {
${names
  .map(
    (n, i) => `  ${n}: {
    description: 'Tool ${i}',
    input: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
    async run(input, ctx) {
      const res = await ctx.fetch(API + '/${n}?q=' + encodeURIComponent(input.q), { headers: { Authorization: 'Bearer ' + ctx.secret('API_TOKEN') } });
      if (!res.ok) throw new Error('API error ' + res.status);
      const data = await res.json();
      return { tool: '${n}', q: input.q, total: data.items.reduce((a, b) => a + b, 0) };
    },
  },`,
  )
  .join('\n')}
};
`;
  const tests = names.flatMap((n) =>
    [1, 2, 3].map((k) => ({
      name: `${n} case ${k}`,
      entry: `tools.${n}.run`,
      input: { q: `q${k}` },
      http: [{ request: { method: 'GET', url: `https://api.example.com/${n}?q=q${k}` }, response: { status: 200, json: { items: [k, k, k] } } }],
      expect: { tool: n, q: `q${k}`, total: 3 * k },
    })),
  );
  // Live cases run only in liveTest (not benchmarked); validation requires one.
  tests.push({ name: 'live', entry: `tools.${names[0]}.run`, input: { q: 'q1' }, live: true, expect: { match: {} } } as never);
  return {
    manifest: {
      name: 'bench-ten',
      version: '1.0.0',
      description: 'Ten tools.',
      category: 'bench',
      permissions: { hosts: ['api.example.com'] },
      credentials: [{ name: 'API_TOKEN', description: 'token', obtain: 'ask' }],
      tools: names.map((n) => ({ name: n, description: `Tool ${n}` })),
    },
    code,
    tests,
  };
}

function echoBundle(name: string): ModuleBundle {
  return {
    manifest: {
      name,
      version: '1.0.0',
      description: 'Echo.',
      category: 'bench',
      permissions: { hosts: [] },
      credentials: [],
      tools: [{ name: 'echo', description: 'Echo' }],
    },
    code: `export const tools = { echo: { description: 'Echo', input: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] }, async run(input) { return { text: input.text }; } } };`,
    tests: [{ name: 'echo', entry: 'tools.echo.run', input: { text: 'a' }, expect: { text: 'a' } }],
  };
}

const noModel: ChatProvider = {
  id: 'none',
  model: 'none',
  chat: async () => {
    throw new Error('not used');
  },
  stream: () => {
    throw new Error('not used');
  },
};

async function main() {
  const sandbox = await createSandbox();
  const dir = mkdtempSync(join(tmpdir(), 'graft-modules-bench-'));
  try {
    // 1. validate
    const store = createStore({ sqlite: join(dir, 'a.db') });
    const manager = new ModuleManager({ store, sandbox, vault: { key: KEY } });
    const draft: Draft = { bundle: tenToolModule(), request: 'bench', round: 0 };
    const report = await manager.validate(draft);
    if (!report.passed) throw new Error(`bench module does not validate: ${JSON.stringify(report.issues).slice(0, 500)}`);
    const oneRun = await measure(20, () => sandbox.run(echoBundle('x').code, { entry: 'tools.echo.run', input: { text: 'a' } }));
    row('baseline: one sandbox.run of a tiny module', oneRun);
    const validate = await measure(15, () => manager.validate(draft));
    row('validate: 10 tools, 30 fixture-backed cases', validate, { label: 'one run', ms: oneRun }, 150);
    // The same with a two-worker sandbox: runTests runs one case per worker at a time.
    const sandbox2 = await createSandbox({ workers: 2 });
    try {
      const manager2 = new ModuleManager({ store, sandbox: sandbox2, vault: { key: KEY } });
      const validate2 = await measure(15, () => manager2.validate(draft));
      row('validate: same, sandbox with 2 workers', validate2, { label: '1 worker', ms: validate });
    } finally {
      await sandbox2.dispose();
    }

    // 2. install/uninstall round trip
    const kv = await measure(30, async () => {
      await store.set('bench-key', { a: 1 });
      await store.get('bench-key');
      await store.delete('bench-key');
    });
    row('baseline: SQLite store set+get+delete', kv);
    const echo: Draft = { bundle: echoBundle('bench-echo'), request: 'bench', round: 0 };
    await manager.validate(echo); // recorded once: approve/install check the record, not the tests
    const roundTrip = await measure(20, async () => {
      await manager.install(echo, await manager.approve(echo, { by: 'bench' })); // approvals are single-use
      await manager.uninstall('bench-echo');
    });
    row('install + uninstall round trip (SQLite)', roundTrip, { label: 'set+get+delete', ms: kv });
    // approve = snapshot + validation-record read + HMAC (the key derived once per manager)
    const approve = await measure(30, async () => {
      await manager.approve(echo, { by: 'bench' });
    });
    row('approve: validated-bundle check + signed approval', approve, { label: 'set+get+delete', ms: kv });
    await store.close();

    // 3. 1,000 installed modules: seed the registry directly (tools described once).
    const file = join(dir, 'thousand.db');
    const seedStore = createStore({ sqlite: file });
    const seeder = new ModuleManager({ store: seedStore, sandbox, vault: { key: KEY } });
    await seeder.validate(echo);
    const first = await seeder.install(echo, await seeder.approve(echo, { by: 'bench' }));
    const registry = new ModuleRegistry(seedStore);
    await registry.load();
    const template = registry.state(first.name) as ModuleState;
    const seedStart = performance.now();
    for (let i = 0; i < 1000; i++) {
      const bundle = echoBundle(`mod-${i}`);
      const hash = bundleHash(bundle);
      const st: ModuleState = { ...template, name: bundle.manifest.name, manifest: bundle.manifest, bundleHash: hash };
      await registry.commit(st, {
        version: '1.0.0',
        bundle,
        bundleHash: hash,
        tools: template.tools,
        approvedBy: 'bench',
        approvedAt: 'now',
        installedAt: 'now',
      });
    }
    console.log(`(seeded 1,000 modules in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
    await seedStore.close();

    const emptyStore = createStore({ sqlite: join(dir, 'empty.db') });
    let sandboxesCreated = 0;
    const startAgent = async (s: ReturnType<typeof createStore>) => {
      const m = new ModuleManager({ store: s, vault: { key: KEY }, sandbox: () => (sandboxesCreated++, sandbox) });
      await m.ready();
      const agent = new Agent({ provider: noModel, toolSources: [m.toolSource()] });
      return { m, agent, tools: agent.tools.list() };
    };
    const emptyStart = await measure(10, () => startAgent(emptyStore));
    row('baseline: agent start, empty registry', emptyStart);
    const bigStore = createStore({ sqlite: file });
    let last: Awaited<ReturnType<typeof startAgent>> | undefined;
    const bigStart = await measure(10, async () => {
      last = await startAgent(bigStore);
    });
    row('agent start with 1,000 installed modules', bigStart, { label: 'empty', ms: emptyStart }, 500);
    console.log(`  tools listed by the agent: ${last!.tools.length}; sandboxes created: ${sandboxesCreated}`);

    const source = last!.m.toolSource();
    const cached = await measure(200, () => source.list());
    row('toolSource().list(), 1,000 modules, cached', cached, undefined, 5);
    const rebuildTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      await last!.m.disable('mod-2');
      const t = performance.now();
      source.list();
      rebuildTimes.push(performance.now() - t);
      await last!.m.enable('mod-2');
    }
    row('toolSource().list(), 1,000 modules, right after a change', median(rebuildTimes), { label: 'cached', ms: cached }, 5);
    await emptyStore.close();
    await bigStore.close();
  } finally {
    await sandbox.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
