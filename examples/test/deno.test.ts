/**
 * The Deno example, run by the real `deno` binary (from the npm package `deno`) on the
 * packages' built ESM output: one chat turn and one module install through its HTTP API,
 * against the recorded model on the providers' mock server and the Clash Royale stand-in.
 * Needs `npm run build` first (`.ci/run` builds before testing).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '@graft/providers/testing';
import { loadClashRoyaleFixtures, startClashRoyaleStandIn, type ClashRoyaleStandIn } from '../quickstart/clash-royale.js';
import { DEMO_PROMPTS, recordedConversation } from '../quickstart/recording.js';
import { post, readSse } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const denoDir = dirname(createRequire(import.meta.url).resolve('deno/package.json'));
// The npm package's launcher (bin.cjs) runs the real binary with spawnSync, so killing the
// launcher would leave Deno running: start the binary itself when it is installed, else the
// launcher in its own process group, and stop the whole group.
const denoExe = join(denoDir, process.platform === 'win32' ? 'deno.exe' : 'deno');
const denoCommand: [string, string[]] = existsSync(denoExe) ? [denoExe, []] : [process.execPath, [join(denoDir, 'bin.cjs')]];
const built = ['providers', 'sandbox', 'core', 'modules'].every((p) => existsSync(join(root, 'packages', p, 'dist/index.js')));

describe('deno example: a chat turn and a module install on Deno.serve', () => {
  let api: ClashRoyaleStandIn;
  let model: MockServer;
  let deno: ChildProcess;
  let base: string;
  let output = '';
  const apiKey = `cr-canary-${randomBytes(8).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'graft-deno-'));

  beforeAll(async () => {
    if (!built) throw new Error('Build the packages first: npm run build (the Deno example imports their dist/ output).');
    api = await startClashRoyaleStandIn(loadClashRoyaleFixtures(), apiKey);
    model = await createMockServer({ script: recordedConversation(loadClashRoyaleFixtures(api.origin)) });
    deno = spawn(denoCommand[0], [...denoCommand[1], 'run', '-A', 'examples/deno-server/main.ts'], {
      cwd: root,
      detached: process.platform !== 'win32',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DENO_NO_UPDATE_CHECK: '1',
        GRAFT_BASE_URL: model.url,
        GRAFT_MODEL: 'recorded-model',
        GRAFT_API_KEY: 'replay',
        GRAFT_MASTER_KEY: randomBytes(32).toString('hex'),
        GRAFT_SQLITE: join(dir, 'deno.sqlite'),
        GRAFT_ALLOW_LOCAL_APIS: '1',
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    base = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`deno did not start:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]!);
        }
      };
      deno.stdout!.on('data', onData);
      deno.stderr!.on('data', onData);
      deno.once('exit', (code) => reject(new Error(`deno exited with ${code}:\n${output}`)));
    });
  }, 90_000);

  afterAll(async () => {
    if (deno && deno.exitCode === null) {
      const exited = new Promise((r) => deno.once('exit', r));
      if (process.platform === 'win32') deno.kill('SIGTERM');
      else process.kill(-deno.pid!, 'SIGTERM');
      await exited;
    }
    await model?.close();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds, approves, configures and installs a module, then answers with it', async () => {
    const first = await readSse(await post(`${base}/chat`, { message: DEMO_PROMPTS.build }));
    const approval = first.frames.find((f) => f.event === 'done')!.data;
    expect(approval).toMatchObject({ status: 'interrupted', interrupt: { request: { type: 'module_approval' } } });
    // three candidates (DEFAULT_CANDIDATES, the same failing draft), then the repair that passes
    expect(first.frames.filter((f) => f.event === 'module' && f.data.type === 'module.validated').map((f) => f.data.passed)).toEqual([
      false,
      false,
      false,
      true,
    ]);
    // build progress comes from this thread's own run stream (on Deno too), stamped with its ids
    expect(first.frames.filter((f) => f.event === 'module').every((f) => f.data.threadId === approval.threadId && typeof f.data.runId === 'string')).toBe(true);

    const second = await readSse(
      await post(`${base}/threads/${approval.threadId}/approve`, {
        interruptId: approval.interrupt.id,
        approved: true,
        bundleHash: approval.interrupt.request.data.bundleHash,
      }),
    );
    const creds = second.frames.find((f) => f.event === 'done')!.data;
    expect(creds).toMatchObject({ status: 'interrupted', interrupt: { request: { type: 'module_credentials' } } });

    const third = await readSse(
      await post(`${base}/threads/${approval.threadId}/credentials`, { interruptId: creds.interrupt.id, values: { CLASH_ROYALE_TOKEN: apiKey } }),
    );
    expect(third.frames.find((f) => f.event === 'done')!.data).toMatchObject({ status: 'done' });
    expect((await (await fetch(`${base}/modules`)).json()).modules).toEqual([expect.objectContaining({ name: 'clash-royale-stats', status: 'installed' })]);
    expect(api.requests.some((r) => r.headers.authorization === `Bearer ${apiKey}`)).toBe(true);

    const answer = await readSse(await post(`${base}/chat`, { message: DEMO_PROMPTS.ask, threadId: approval.threadId }));
    expect(answer.frames.find((f) => f.event === 'done')!.data.output).toContain('7,412 trophies');
    for (const r of [first, second, third, answer]) expect(r.raw.includes(apiKey)).toBe(false);
  });
});
