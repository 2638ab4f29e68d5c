import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tempDir } from './temp-dir.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./fixtures/approval-process.ts', import.meta.url));
const tmp = tempDir('graft-process-');
afterAll(() => tmp.remove());

/** Run one real Node process of the approval graph and parse its JSON line. */
async function processRun(...args: string[]) {
  const { stdout } = await run(process.execPath, ['--conditions=@graft/source', '--import', 'tsx', script, ...args], {
    cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}

describe('checkpointer across real process restarts', () => {
  it('a run interrupted for approval in one process is resumed by another on the same SQLite file', async () => {
    const db = tmp.file('approval.db');
    const first = await processRun('start', db);
    expect(first.result.__interrupt__[0].value).toEqual({ bundle: 'sha256:feed' });
    expect(first.next).toEqual(['approve']);

    const second = await processRun('resume', db, JSON.stringify({ approved: true }));
    expect(second.pid).not.toBe(first.pid);
    expect(second.result.decision).toBe('approved');
    expect(second.next).toEqual([]);
    // prepare ran once, in the first process; approval and install in the second.
    expect(second.result.steps).toEqual([`prepare@${first.pid}`, `approve@${second.pid}`, `install@${second.pid}`]);
  }, 120_000);
});
