/**
 * Teardown: thousands of runs leave RSS flat, disposal with a host fetch in flight is safe, and
 * a disposed sandbox refuses new runs with a typed error.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, SandboxUsageError } from '@graft/sandbox';
import { loopbackFetch, startServer } from './helpers/server.js';

describe('teardown is clean', () => {
  it('5,000 runs leave RSS flat', async () => {
    // One worker: a second worker's V8 heap grows lazily before its first major GC, which is
    // noise, not a leak (the engine alone stays flat under forced GC).
    const sandbox = await createSandbox({ workers: 1 });
    const src =
      'export default async (i, ctx) => { const o = { list: Array.from({ length: 50 }, (_, k) => ({ k, s: "v" + k })) }; ctx.log("n", i); await null; return o.list.length + i }';
    const batch = async (from: number, count: number) => {
      for (let i = from; i < from + count; i += 25) {
        const rs = await Promise.all(Array.from({ length: 25 }, (_, k) => sandbox.run(src, { input: i + k, capabilities: { log: true } })));
        for (const [k, r] of rs.entries()) expect(r).toMatchObject({ ok: true, value: 50 + i + k });
      }
    };
    await batch(0, 1000); // warm-up: instance, runtime and JIT settle
    const before = process.memoryUsage().rss;
    await batch(1000, 4000);
    const after = process.memoryUsage().rss;
    // Flat: less than 32 MiB of growth over 4,000 further runs.
    expect(after - before).toBeLessThan(32 * 1024 * 1024);
    await sandbox.dispose();
  }, 120_000);

  it('disposing with a host fetch in flight is safe', async () => {
    let release: () => void = () => undefined;
    const server = await startServer((_req, res) => {
      release = () => res.end('late');
    });
    const sandbox = await createSandbox();
    const pending = sandbox.run('export default async (i, ctx) => (await ctx.fetch(i.url)).text()', {
      input: { url: `${server.origin}/slow` },
      capabilities: { fetch: loopbackFetch([server.host]) },
    });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await sandbox.dispose();
    const r = await pending;
    expect(r).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    release();
    await expect(sandbox.run('export default () => 1')).rejects.toBeInstanceOf(SandboxUsageError);
    await server.close();
  });

  it('runTests stops cleanly when the sandbox is disposed mid-way', async () => {
    const sandbox = await createSandbox();
    const cases = Array.from({ length: 20 }, (_, i) => ({ name: `c${i}`, entry: 'default', expect: 1 }));
    const pending = sandbox.runTests('export default () => 1', cases);
    await new Promise((r) => setTimeout(r, 5));
    await sandbox.dispose();
    const report = await pending;
    expect(report.results.length).toBe(20);
    expect(report.passed + report.failed).toBe(20);
    for (const r of report.results.filter((x) => !x.passed)) expect(r.error?.code).toBe('ABORTED');
  });

  it('aborting a run that waits on a host fetch ends it with ABORTED and the worker stays usable', async () => {
    const server = await startServer(() => undefined); // never answers
    const sandbox = await createSandbox();
    const controller = new AbortController();
    const pending = sandbox.run('export default async (i, ctx) => (await ctx.fetch(i.url)).text()', {
      input: { url: `${server.origin}/hang` },
      capabilities: { fetch: loopbackFetch([server.host]) },
      signal: controller.signal,
    });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(await sandbox.run('export default () => "fine"')).toMatchObject({ ok: true, value: 'fine' });
    await sandbox.dispose();
    await server.close();
  });

  it('a run whose deadline passes during a host fetch ends with TIMEOUT and the worker stays usable', async () => {
    const server = await startServer(() => undefined); // never answers
    const sandbox = await createSandbox();
    const r = await sandbox.run('export default async (i, ctx) => (await ctx.fetch(i.url)).text()', {
      input: { url: `${server.origin}/hang` },
      capabilities: { fetch: loopbackFetch([server.host]) },
      limits: { timeMs: 300 },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    const next = await sandbox.run('export default () => "fine"');
    expect(next).toMatchObject({ ok: true, value: 'fine' });
    await sandbox.dispose();
    await server.close();
  });
});
