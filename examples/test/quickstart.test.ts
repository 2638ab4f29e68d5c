/**
 * `npm run demo` end to end: runs the quickstart in a child process (no model configured, so
 * it replays the recorded conversation) and checks that it shows the whole flow and exits 0.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIVE_MODEL_VARIABLES } from '../quickstart/model.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('quickstart demo', () => {
  it('shows the whole flow with the recorded model and exits 0', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    for (const name of LIVE_MODEL_VARIABLES) delete env[name];
    const r = spawnSync(process.execPath, ['--conditions=@graft/source', '--import', 'tsx', 'examples/quickstart/main.ts'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = r.stdout;
    expect(r.status, `${out}\n${r.stderr}`).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toContain('replaying a recorded conversation');
    const order = [
      'generating candidate 3',
      'validation failed',
      'repairing, round 1',
      'validation passed: 4 tests',
      'Approve module "clash-royale-stats"?',
      'needs: CLASH_ROYALE_TOKEN',
      'confidence: 100% agreement among 3 candidates on the outputs',
      'approved by demo-user',
      'live test passed',
      'installed clash-royale-stats@1.0.0',
      '→ clash-royale-stats__getPlayer',
      'You have 7,412 trophies',
      '| tests passed         | 4/4',
      '| candidates           | 3',
      '| confidence           | 100% agreement among 3 candidate(s)',
    ];
    let at = -1;
    for (const needle of order) {
      const next = out.indexOf(needle, at + 1);
      expect(next, `"${needle}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    // 3 candidates + 1 repair on the heavy tier, 4 agent turns
    expect(out).toMatch(/\| model calls\s+\| 8/);
    // The demo key went to the vault, never to the screen.
    expect(out).not.toMatch(/cr-demo-[0-9a-f]{16}/);
  }, 150_000);
});
