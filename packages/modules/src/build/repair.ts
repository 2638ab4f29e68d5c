/**
 * `repairDraft`: send the model its module back with the validation report — every failing
 * case with its input, actual vs expected and error, and every static issue — and read the
 * fixed module from its reply.
 */
import type { TestCaseResult } from '@graft/sandbox';
import { requestModule } from './generate/call.js';
import type { BuildDeps } from './deps.js';
import { MAX_REPAIR_CASES, MAX_REPAIR_VALUE_CHARS } from '../limits.js';
import { buildGenerationMessages } from './generate/prompt.js';
import type { Draft, ModuleTestCase, ValidationReport } from '../types.js';

function clip(value: unknown): string {
  const text = value === undefined ? '(nothing)' : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_REPAIR_VALUE_CHARS ? `${text.slice(0, MAX_REPAIR_VALUE_CHARS)}… (${text.length} chars)` : text;
}

function caseDetail(r: TestCaseResult, c: ModuleTestCase | undefined): string {
  const lines = [`### Case "${r.name}"${c ? ` (${c.entry})` : ''}`];
  if (c?.input !== undefined) lines.push(`input: ${clip(c.input)}`);
  if (r.error) lines.push(`error: ${r.error.code}: ${r.error.message}`);
  if (c?.expectError !== undefined)
    lines.push(`expected: the call throws${typeof c.expectError === 'object' ? ` an error containing "${c.expectError.message}"` : ''}`);
  else lines.push(`expected: ${clip(r.expected ?? c?.expect)}`);
  if (r.actual !== undefined) lines.push(`actual: ${clip(r.actual)}`);
  return lines.join('\n');
}

/** The validation report rendered for the model: static issues, then failing cases in detail. */
export function formatReportForModel(report: ValidationReport, tests: ModuleTestCase[]): string {
  const parts: string[] = [];
  const staticIssues = report.issues.filter((i) => i.kind !== 'test' || !report.tests?.results.some((r) => r.name === i.where));
  if (staticIssues.length) {
    parts.push('## Problems found');
    for (const i of staticIssues) parts.push(`- [${i.kind}]${i.where ? ` ${i.where}:` : ''} ${i.message}`);
  }
  const failing = report.tests?.results.filter((r) => !r.passed) ?? [];
  if (failing.length) {
    parts.push(`## Failing test cases (${failing.length} of ${report.tests!.results.length})`);
    for (const r of failing.slice(0, MAX_REPAIR_CASES))
      parts.push(
        caseDetail(
          r,
          tests.find((c) => c?.name === r.name),
        ),
      );
    if (failing.length > MAX_REPAIR_CASES) parts.push(`…and ${failing.length - MAX_REPAIR_CASES} more failing cases.`);
  }
  if (!report.tests) parts.push('The tests did not run, so the module has not passed.');
  return parts.join('\n');
}

/** Options of `repairDraft`. */
export interface RepairOptions {
  /** API docs given at generation, repeated so the model can check against them. */
  docs?: string;
  /** Cancels the model call(s) of the repair. */
  signal?: AbortSignal;
}

/** How a repair request's last user message begins (test doubles use it to tell repair from generation). */
export const REPAIR_MESSAGE_PREFIX = 'Validation failed.';

/**
 * Sends the model its module back with `instruction` after it, and reads the revised module
 * from its reply: the next draft (round + 1), carrying the generation's `confidence`,
 * `candidates` and `disagreements`. Shared by repair from a validation report and repair from
 * disagreement.
 * @throws {ModuleOutputError} when the model's reply has no readable module after retries.
 */
export async function reviseDraft(deps: BuildDeps, draft: Draft, instruction: string, opts: RepairOptions = {}): Promise<Draft> {
  const previous = JSON.stringify({ manifest: draft.bundle.manifest, code: draft.bundle.code, tests: draft.bundle.tests }, null, 2);
  const messages = [
    ...buildGenerationMessages({ request: draft.request, ...(opts.docs ? { docs: opts.docs } : {}) }),
    { role: 'assistant' as const, content: `My module:\n\`\`\`json\n${previous}\n\`\`\`` },
    { role: 'user' as const, content: instruction },
  ];
  const { bundle } = await requestModule(deps, messages, { phase: 'repair', round: draft.round + 1, ...(opts.signal ? { signal: opts.signal } : {}) });
  return {
    bundle,
    request: draft.request,
    round: draft.round + 1,
    confidence: draft.confidence ?? 1,
    ...(draft.candidates !== undefined ? { candidates: draft.candidates } : {}),
    ...(draft.disagreements ? { disagreements: draft.disagreements } : {}),
  };
}

/**
 * Asks the model to fix `draft` given its validation `report`; returns the new draft (round + 1).
 * @throws {ModuleOutputError} when the model's reply has no readable module after retries.
 */
export function repairDraft(deps: BuildDeps, draft: Draft, report: ValidationReport, opts: RepairOptions = {}): Promise<Draft> {
  return reviseDraft(
    deps,
    draft,
    `${REPAIR_MESSAGE_PREFIX} Fix the module so that every check and test passes.\n\n${formatReportForModel(report, draft.bundle.tests)}\n\n` +
      'Fix the code when it is wrong; change a test only when the test itself contradicts the API. ' +
      'Call submit_module with the complete corrected module (manifest, code and all tests).',
    opts,
  );
}
