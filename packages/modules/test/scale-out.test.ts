/**
 * Scale-out: three real Node processes (fixtures/scale-worker.ts) share one Redis or one
 * PostgreSQL. Each does random registry operations (install, upgrade, rollback, disable,
 * enable, uninstall, credentials) in two concurrent lanes, plus agent runs that interrupt on
 * one process and are resumed on another. Afterwards every process sees the same registry
 * (through hot reload alone, within a second), nothing is lost or half-written, and each
 * module's final state equals a serial replay of the successful operations that wrote it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createStore, type GraftStore } from '@graft/core';
import { createSandbox } from '@graft/sandbox';
import { CredentialVault, ModuleManager, bundleHash, type ModuleState, type VersionRecord } from '../src/index.js';
import { serviceUrl } from '../../core/test/store/services.js';
import { draft } from './fixtures/scale-worker.js';

const WORKERS = 3;
const OPS_PER_WORKER = 80;
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
const script = fileURLToPath(new URL('./fixtures/scale-worker.ts', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));

type Line = Record<string, unknown> & { type: string };

interface Worker {
  child: ChildProcess;
  lines: Line[];
  waitFor(type: string): Promise<Line>;
  send(text: string): void;
  exited: Promise<number | null>;
}

function startWorker(kind: string, url: string, id: string, index: number): Worker {
  const child = spawn(
    process.execPath,
    ['--conditions=@graft/source', '--import', 'tsx', script, kind, url, id, String(index), String(1000 + index * 7919), String(OPS_PER_WORKER)],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: Line[] = [];
  const waiters: Array<{ type: string; resolve: (l: Line) => void; reject: (e: Error) => void }> = [];
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      return;
    }
    lines.push(line);
    for (const w of [...waiters]) {
      if (line.type === w.type) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      } else if (line.type === 'fatal') w.reject(new Error(`worker ${index}: ${String(line.message)}`));
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`worker ${index} exited (${code}) before "${w.type}":\n${stderr.slice(-3000)}`));
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    exited,
    waitFor: (type) => {
      const seen = lines.find((l) => l.type === type);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => waiters.push({ type, resolve, reject }));
    },
    send: (text) => child.stdin!.write(`${text}\n`),
  };
}

interface Model {
  active: string;
  versions: Set<string>;
  disabled: boolean;
}

/** Serial replay of the operations a state record says wrote it, in that order. */
function replay(log: string[], ops: Map<string, Line>): Model | undefined {
  let m: Model | undefined;
  for (const id of log) {
    const op: Line | undefined = id === 'setup' ? { type: 'op', op: 'install', version: '1.0.0', ok: true } : ops.get(id);
    if (!op) throw new Error(`state log names an unknown operation ${id}`);
    if (op.ok === false) throw new Error(`state log names the failed operation ${id}`);
    switch (op.op) {
      case 'install':
        m = { active: op.version as string, versions: new Set([...(m?.versions ?? []), op.version as string]), disabled: false };
        break;
      case 'rollback':
        if (!m?.versions.has(op.version as string)) throw new Error(`rollback ${id} to a version the module did not have`);
        m.active = op.version as string;
        break;
      case 'disable':
        if (!m) throw new Error(`disable ${id} before install`);
        m.disabled = true;
        break;
      case 'enable':
        if (!m) throw new Error(`enable ${id} before install`);
        m.disabled = false;
        break;
      default:
        throw new Error(`operation ${id} (${String(op.op)}) should not write a state record`);
    }
  }
  return m;
}

const ALLOWED_FAILURES = new Set(['MODULE_NOT_FOUND', 'MODULE_VERSION_NOT_FOUND']);

describe.each(['redis', 'postgres'] as const)('scale-out on one %s: three processes', (kind) => {
  const url = serviceUrl(kind);
  it.skipIf(!url)(
    'agree on the registry, lose nothing, and equal a serial replay; runs resume on another process',
    async () => {
      const id = `s${randomBytes(5).toString('hex')}`;
      const open = (): GraftStore =>
        kind === 'redis'
          ? createStore({ redis: url!, redisOptions: { keyPrefix: `graft-scale:${id}:` } })
          : createStore({ postgres: url!, postgresOptions: { table: `graft_${id}` } });
      const store = open();
      const sandbox = await createSandbox();
      // "keeper" exists from the start and is never uninstalled: every write to it must survive.
      const setup = new ModuleManager({ store, sandbox, vault: { key: MASTER_KEY } });
      const d = draft('keeper', '1.0.0');
      await setup.install(d, await setup.approve(d, { by: 'setup', dangerouslySkipValidation: true }), { dangerouslySkipValidation: true });
      await store.update<ModuleState & { __log?: string[] }>('graft-modules/state/keeper', (s) => (s ? { ...s, __log: ['setup'] } : s));
      await setup.dispose();

      const workers = Array.from({ length: WORKERS }, (_, i) => startWorker(kind, url!, id, i));
      try {
        await Promise.all(workers.map((w) => w.waitFor('ops-done')));
        workers.forEach((w) => w.send('drain'));
        await Promise.all(workers.map((w) => w.waitFor('drained')));
        workers.forEach((w) => w.send('report'));
        const reports = await Promise.all(workers.map((w) => w.waitFor('report')));
        expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0, 0]);

        const ops = new Map<string, Line>();
        for (const w of workers) for (const l of w.lines) if (l.type === 'op') ops.set(l.id as string, l);
        const registryOps = [...ops.values()].filter((o) => !String(o.op).startsWith('agent-'));
        expect(registryOps.length).toBeGreaterThanOrEqual(200);
        const unexpected = [...ops.values()].filter((o) => !o.ok && !ALLOWED_FAILURES.has(o.code as string));
        expect(unexpected.map((o) => `${String(o.id)} ${String(o.op)} ${String(o.name)}: ${String(o.code)} ${String(o.message)}`)).toEqual([]);
        const succeeded = registryOps.filter((o) => o.ok);
        expect(succeeded.length).toBeGreaterThan(100);

        // Ground truth: the store itself, read by a fresh manager and raw.
        const fresh = new ModuleManager({ store, sandbox, vault: { key: MASTER_KEY } });
        const truth = (await fresh.list()).map((m) => ({ name: m.name, activeVersion: m.activeVersion, versions: [...m.versions].sort(), status: m.status }));
        await fresh.dispose();
        expect(truth.map((m) => m.name)).toContain('keeper');
        // Every process sees exactly that, 1 s after the last change, through notifications alone.
        for (const r of reports) expect(r.modules).toEqual(truth);

        for (const m of truth) {
          const raw = (await store.get<ModuleState & { __log?: string[] }>(`graft-modules/state/${m.name}`))!;
          const model = replay(raw.__log ?? [], ops);
          expect({ name: m.name, active: model?.active, versions: [...(model?.versions ?? [])].sort(), disabled: model?.disabled }).toEqual({
            name: m.name,
            active: m.activeVersion,
            versions: m.versions,
            disabled: m.status === 'disabled',
          });
          // Nothing half-written: every listed version has its record, byte for byte the bundle of that version.
          for (const v of m.versions) {
            const record = await store.get<VersionRecord>(`graft-modules/version/${m.name}/${v}`);
            expect(record?.bundleHash, `${m.name}@${v}`).toBe(bundleHash(draft(m.name, v).bundle));
          }
        }
        // Nothing lost on the module nobody uninstalls: every successful install/rollback is in its history,
        // and every credential set on it is in the vault.
        const keeperLog = new Set((await store.get<{ __log: string[] }>('graft-modules/state/keeper'))!.__log);
        const keeperWrites = succeeded.filter((o) => o.name === 'keeper' && (o.op === 'install' || o.op === 'rollback'));
        expect(keeperWrites.filter((o) => !keeperLog.has(o.id as string))).toEqual([]);
        const vault = new CredentialVault({ key: MASTER_KEY, store });
        const setNames = new Set(succeeded.filter((o) => o.name === 'keeper' && o.op === 'credentials').map((o) => o.cred as string));
        expect(await vault.names('keeper')).toEqual(expect.arrayContaining([...setNames]));

        // Agent runs: each interrupted on one process, resumed once on another, the tool ran exactly once.
        const startedRuns = workers.flatMap((w) => w.lines.filter((l) => l.type === 'run-started'));
        const resumed = workers.flatMap((w) => w.lines.filter((l) => l.type === 'run-resumed'));
        expect(startedRuns.length).toBeGreaterThanOrEqual(WORKERS);
        expect(resumed.map((r) => r.thread).sort()).toEqual(startedRuns.map((r) => r.thread).sort());
        for (const r of resumed) {
          expect(r.status).toBe('done');
          expect(r.worker).not.toBe(r.from);
          const executed = await store.namespace('scale-runs').get<{ count: number; by: number[] }>(`executed/${r.thread as string}`);
          expect(executed).toEqual({ count: 1, by: [r.worker] });
        }
      } finally {
        for (const w of workers) if (w.child.exitCode === null) w.child.kill();
        await sandbox.dispose();
        await store.close();
      }
    },
    240_000,
  );
});
