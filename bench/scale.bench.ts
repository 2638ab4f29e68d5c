/**
 * Scale-out benchmark: throughput of module tool calls and of registry reads with 1, 2 and 4
 * app instances (separate Node processes) on one SQLite file, one Redis and one PostgreSQL, as
 * ratios to one instance on SQLite measured in the same run. Each instance reports the median
 * rate of several short windows; the row is the sum over instances.
 *
 * Redis/PostgreSQL come from GRAFT_TEST_REDIS_URL / GRAFT_TEST_POSTGRES_URL
 * (`eval "$(bash examples/scripts/test-services.sh start)"`); without them those rows are skipped.
 * A registry read is what hot reload does on every change notification (list + read every state).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createStore, type GraftStore } from '@graft/core';
import { createSandbox } from '@graft/sandbox';
import { ModuleManager, ModuleRegistry, type Draft } from '@graft/modules';

const KEY = Buffer.alloc(32, 3).toString('base64');
const WINDOWS = 5;
const WINDOW_MS = 400;
const MODULES = 20;
const INSTANCES = [1, 2, 4];

type Kind = 'sqlite' | 'redis' | 'postgres';
type Target = { kind: Kind; where: string; id: string };

function open(t: Target): GraftStore {
  if (t.kind === 'sqlite') return createStore({ sqlite: t.where });
  if (t.kind === 'redis') return createStore({ redis: t.where, redisOptions: { keyPrefix: `graft-bench:${t.id}:` } });
  return createStore({ postgres: t.where, postgresOptions: { table: `graft_bench_${t.id}` } });
}

function echo(name: string): Draft {
  return {
    request: name,
    round: 0,
    bundle: {
      manifest: {
        name,
        version: '1.0.0',
        description: `Echo ${name}.`,
        category: 'utility',
        permissions: { hosts: [] },
        credentials: [],
        tools: [{ name: 'echo', description: 'Echo' }],
      },
      code: `export const tools = { echo: { description: 'Echo', input: { type: 'object' }, async run(input) { return { text: input.text }; } } };\n`,
      tests: [],
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median ops/s of `fn` over WINDOWS windows. */
async function rate(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  const rates: number[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < WINDOW_MS) {
      await fn();
      n++;
    }
    rates.push((n * 1000) / (performance.now() - start));
  }
  return median(rates);
}

/** One instance: waits for "go", measures, prints its rates. */
async function child(t: Target): Promise<void> {
  const store = open(t);
  const sandbox = await createSandbox();
  const manager = new ModuleManager({ store, sandbox, vault: { key: KEY } });
  await manager.ready();
  const registry = new ModuleRegistry(store);
  await registry.load();
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== 'go') continue;
    let i = 0;
    const tool = await rate(() => manager.callTool(`m${i++ % MODULES}`, 'echo', { text: 'hi' }));
    const read = await rate(() => registry.reload());
    process.stdout.write(`${JSON.stringify({ tool, read })}\n`);
    break;
  }
  await registry.close();
  await manager.dispose();
  await sandbox.dispose();
  await store.close();
  process.exit(0);
}

async function measure(t: Target, instances: number): Promise<{ tool: number; read: number }> {
  const self = fileURLToPath(import.meta.url);
  const children = Array.from({ length: instances }, () =>
    spawn(process.execPath, ['--conditions=@graft/source', '--import', 'tsx', self, 'child', JSON.stringify(t)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = children.map((c) => {
    const lines: string[] = [];
    const waiters: Array<() => void> = [];
    createInterface({ input: c.stdout! }).on('line', (l) => {
      lines.push(l);
      waiters.splice(0).forEach((w) => w());
    });
    return {
      lines,
      next: (n: number) =>
        new Promise<string>((resolve) => {
          const check = () => (lines.length >= n ? resolve(lines[n - 1]!) : waiters.push(check));
          check();
        }),
    };
  });
  await Promise.all(outputs.map((o) => o.next(1)));
  children.forEach((c) => c.stdin!.write('go\n'));
  const results = (await Promise.all(outputs.map((o) => o.next(2)))).map((l) => JSON.parse(l) as { tool: number; read: number });
  await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.on('exit', resolve)))));
  return { tool: results.reduce((a, r) => a + r.tool, 0), read: results.reduce((a, r) => a + r.read, 0) };
}

async function seed(t: Target): Promise<void> {
  const store = open(t);
  const sandbox = await createSandbox();
  const manager = new ModuleManager({ store, sandbox, vault: { key: KEY } });
  for (let i = 0; i < MODULES; i++) {
    const d = echo(`m${i}`);
    await manager.install(d, await manager.approve(d, { by: 'bench', dangerouslySkipValidation: true }), { dangerouslySkipValidation: true });
  }
  await manager.dispose();
  await sandbox.dispose();
  await store.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'graft-scale-bench-'));
  const id = randomBytes(4).toString('hex');
  const targets: Target[] = [{ kind: 'sqlite', where: join(dir, 'bench.db'), id }];
  for (const [kind, env] of [
    ['redis', 'GRAFT_TEST_REDIS_URL'],
    ['postgres', 'GRAFT_TEST_POSTGRES_URL'],
  ] as const) {
    const url = process.env[env];
    if (url) targets.push({ kind, where: url, id });
    else console.log(`!!! ${kind}: ${env} is not set, skipped (eval "$(bash examples/scripts/test-services.sh start)")`);
  }
  try {
    let baseline: { tool: number; read: number } | undefined;
    console.log(
      `${'backend × instances'.padEnd(24)}${'tool calls/s'.padStart(14)}${'ratio'.padStart(8)}${'registry reads/s'.padStart(18)}${'ratio'.padStart(8)}`,
    );
    for (const t of targets) {
      await seed(t);
      for (const n of INSTANCES) {
        const r = await measure(t, n);
        baseline ??= r;
        console.log(
          `${`${t.kind} × ${n}`.padEnd(24)}${r.tool.toFixed(0).padStart(14)}${`${(r.tool / baseline.tool).toFixed(2)}×`.padStart(8)}${r.read.toFixed(0).padStart(18)}${`${(r.read / baseline.read).toFixed(2)}×`.padStart(8)}`,
        );
      }
    }
    console.log(`(ratios to sqlite × 1; ${MODULES} modules installed; medians of ${WINDOWS} windows of ${WINDOW_MS} ms per instance, summed; 2-core machine)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') await child(JSON.parse(process.argv[3]!) as Target);
else await main();
