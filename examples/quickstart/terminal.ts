/**
 * How the demo shows a build as it happens: one line per module event (with per-test ticks),
 * the approval card, and the closing summary table. Plain text with a little colour when the
 * output is a terminal.
 */
import type { ModuleEvent } from '@graft/modules';

const tty = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: number) => (s: string) => (tty ? `\u001b[${code}m${s}\u001b[0m` : s);
/** Colour helpers (no-ops when not a terminal). */
export const c = { dim: paint(2), bold: paint(1), green: paint(32), red: paint(31), yellow: paint(33), cyan: paint(36) };

/** Writes one line. */
export const say = (line = '') => process.stdout.write(`${line}\n`);

/** The line a module event prints, or undefined for events the demo does not show. */
export function describeModuleEvent(e: ModuleEvent): string | undefined {
  switch (e.type) {
    case 'module.generating':
      return c.cyan(`  ◆ generating ${e.candidate !== undefined ? `candidate ${e.candidate + 1}` : 'the module'} (heavy tier)…`);
    case 'module.generated':
      return `  ◆ ${e.candidate !== undefined ? `candidate ${e.candidate + 1}: ` : ''}draft ${c.bold(e.name)} written`;
    case 'module.validating':
      return '  ◆ validating in the WebAssembly sandbox:';
    case 'module.test':
      return `      ${e.passed ? c.green('✓') : c.red('✗')} ${e.case}`;
    case 'module.validated':
      return e.passed
        ? c.green(`  ✓ validation passed: ${e.testsPassed} tests`)
        : c.red(`  ✗ validation failed: ${e.testsFailed} of ${e.testsPassed + e.testsFailed} tests failed, ${e.issues} issue(s)`);
    case 'module.repairing':
      return c.yellow(`  ↻ repairing, round ${e.round}`);
    case 'module.disagreement':
      return c.yellow(
        `  ↻ ${e.candidates} candidates disagree on ${e.inputs} input(s) (confidence ${Math.round(e.confidence * 100)}%): the model decides them as tests, round ${e.round}`,
      );
    case 'module.awaiting_approval':
      return `  ◆ waiting for the user's approval`;
    case 'module.approved':
      return c.green(`  ✓ approved by ${e.by} (bound to bundle sha256 ${e.bundleHash.slice(0, 12)}…)`);
    case 'module.awaiting_credentials':
      return `  ◆ waiting for credentials: ${e.credentials.join(', ')}`;
    case 'module.awaiting_live_test':
      return `  ◆ stored; a live test against the API comes before its tools are offered`;
    case 'module.live_testing':
      return '  ◆ live test against the API:';
    case 'module.live_tested':
      return e.passed ? c.green('  ✓ live test passed') : c.red('  ✗ live test failed');
    case 'module.installed':
      return c.green(`  ✓ installed ${e.name}@${e.version}`);
    case 'module.failed':
      return c.red(`  ✗ ${e.code}: ${e.message}`);
    default:
      return undefined;
  }
}

/** Renders rows as an aligned text table. */
export function table(rows: Array<[string, string]>): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  const v = Math.max(...rows.map(([, val]) => val.length));
  const line = `+${'-'.repeat(w + 2)}+${'-'.repeat(v + 2)}+`;
  return [line, ...rows.map(([k, val]) => `| ${k.padEnd(w)} | ${val.padEnd(v)} |`), line].join('\n');
}
