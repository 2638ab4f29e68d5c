/**
 * Repair from disagreement: when the sampled candidates of a generation disagree (the winner's
 * confidence is low), the inputs where their outputs differ go back to the model with every
 * distinct output, and the model must decide the correct output of each as a new test case and
 * fix the code to match.
 */
import { canonicalJson } from '../format/bundle.js';
import { toolOfEntry } from './generate/parse.js';
import type { BuildDeps } from './deps.js';
import { MAX_DISAGREEMENT_INPUTS, MAX_REPAIR_VALUE_CHARS } from '../limits.js';
import { reviseDraft } from './repair.js';
import type { CandidateDisagreement, Draft } from '../types.js';

/** How a disagreement repair request's last user message begins (test doubles use it). */
export const DISAGREEMENT_MESSAGE_PREFIX = 'Your candidates disagree.';

function clip(text: string): string {
  return text.length > MAX_REPAIR_VALUE_CHARS ? `${text.slice(0, MAX_REPAIR_VALUE_CHARS)}… (${text.length} chars)` : text;
}

const keyOf = (tool: string, input: unknown) => canonicalJson({ tool, input: input ?? {} });

/** The disagreements no offline test case of `draft` decides yet (same tool, same input). */
export function undecided(draft: Draft, disagreements: CandidateDisagreement[]): CandidateDisagreement[] {
  const tested = new Set<string>();
  for (const c of draft.bundle.tests) {
    if (!c || typeof c !== 'object' || c.live || typeof c.entry !== 'string') continue;
    const tool = toolOfEntry(c.entry);
    if (tool) tested.add(keyOf(tool, c.input));
  }
  return disagreements.filter((d) => !tested.has(keyOf(d.tool, d.input)));
}

/** The disagreements rendered for the model: per input, the call, its HTTP fixtures and each distinct output. */
export function formatDisagreements(disagreements: CandidateDisagreement[]): string {
  const parts = disagreements.slice(0, MAX_DISAGREEMENT_INPUTS).map((d, i) => {
    const lines = [`### Input ${i + 1}: tools.${d.tool}.run(${clip(JSON.stringify(d.input))})`];
    if (d.http.length) lines.push(`http fixtures: ${clip(JSON.stringify(d.http))}`);
    d.outputs.forEach((o, j) => {
      const n = o.candidates.length;
      const who = j === 0 ? `your module${n > 1 ? ` and ${n - 1} other candidate(s)` : ''}` : `${n} other candidate(s)`;
      lines.push(`- ${who}: ${clip(o.output)}`);
    });
    return lines.join('\n');
  });
  if (disagreements.length > MAX_DISAGREEMENT_INPUTS) parts.push(`…and ${disagreements.length - MAX_DISAGREEMENT_INPUTS} more inputs.`);
  return parts.join('\n\n');
}

/** Options of `repairFromDisagreement`. */
export interface DisagreementRepairOptions {
  /** API docs given at generation, repeated so the model can decide against them. */
  docs?: string;
  /** Cancels the model call. */
  signal?: AbortSignal;
}

/**
 * Asks the model to decide the correct output of every input in `disagreements` as a new test
 * case (with the input's HTTP fixtures) and to fix the code to match; returns the new draft
 * (round + 1), carrying the generation's `confidence`, `candidates` and `disagreements`.
 * @throws {ModuleOutputError} when the model's reply has no readable module after retries.
 */
export async function repairFromDisagreement(
  deps: BuildDeps,
  draft: Draft,
  disagreements: CandidateDisagreement[],
  opts: DisagreementRepairOptions = {},
): Promise<Draft> {
  return reviseDraft(
    deps,
    draft,
    `${DISAGREEMENT_MESSAGE_PREFIX} Other modules written for the same request return different outputs than yours on ${disagreements.length} input(s), so at least one of you is wrong on each:\n\n` +
      `${formatDisagreements(disagreements)}\n\n` +
      'For every input above, decide from the request and the API what the correct output is, and add a test case with exactly that input, ' +
      'those http fixtures and the correct `expect` (or `expectError`). Fix the code where it does not produce it. Keep your other tests. ' +
      'Call submit_module with the complete module (manifest, code and all tests).',
    opts,
  );
}
