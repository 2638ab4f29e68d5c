/**
 * Execution agreement between candidate modules (the self-consistency signal of Agent0):
 * every candidate's code is run on the union of all candidates' test inputs and fixtures;
 * outputs are clustered by identity per input; a candidate's agreement is the mean share of
 * candidates that produced the same output as it did.
 */
import type { Sandbox, TestCase, TestCaseResult, Limits } from '@graft/sandbox';
import { canonicalJson } from '../format/bundle.js';
import { toolOfEntry } from './generate/parse.js';
import type { CandidateDisagreement, JSONValue, ModuleBundle, ValidationReport } from '../types.js';
import { declaredHosts, declaredTestSecrets } from './validate/secrets.js';

/** One input every candidate is run on: a tool, its input, and the fixtures answering its fetches. */
export interface AgreementProbe {
  tool: string;
  input: TestCase['input'];
  http: NonNullable<TestCase['http']>;
}

/** Collects the distinct offline (tool, input, fixtures) triples of all candidates' tests. */
export function collectProbes(bundles: ModuleBundle[]): AgreementProbe[] {
  const seen = new Set<string>();
  const probes: AgreementProbe[] = [];
  for (const b of bundles) {
    for (const c of b.tests) {
      if (!c || typeof c !== 'object' || c.live || typeof c.entry !== 'string') continue;
      const tool = toolOfEntry(c.entry);
      if (!tool) continue;
      const probe: AgreementProbe = { tool, input: c.input ?? {}, http: c.http ?? [] };
      const key = canonicalJson(probe);
      if (seen.has(key)) continue;
      seen.add(key);
      probes.push(probe);
    }
  }
  return probes;
}

function toolsOf(bundle: ModuleBundle): string[] {
  const tools = (bundle.manifest as { tools?: unknown } | null)?.tools;
  return Array.isArray(tools) ? tools.map((t) => (t as { name?: unknown })?.name).filter((n): n is string => typeof n === 'string') : [];
}

const hostsOf = (bundle: ModuleBundle) => declaredHosts(bundle.manifest);
const secretsOf = (bundle: ModuleBundle) => declaredTestSecrets(bundle.manifest);

/** The identity of one output: the canonical result, or the failure's code. */
export function outputSignature(r: TestCaseResult | undefined): string {
  if (!r) return 'missing';
  if (r.error && r.error.code !== 'EXPECTATION_FAILED') return `error:${r.error.code}`;
  return `value:${canonicalJson(r.actual ?? null)}`;
}

/** Runs one candidate on every probe its tools can answer; returns one signature per probe. */
async function signaturesOf(sandbox: Sandbox, bundle: ModuleBundle, probes: AgreementProbe[], limits?: Partial<Limits>, extra?: object): Promise<string[]> {
  const tools = toolsOf(bundle);
  const runnable = probes.map((p, i) => ({ p, i })).filter(({ p }) => tools.includes(p.tool));
  const out = probes.map(() => 'missing');
  if (runnable.length === 0) return out;
  try {
    const report = await sandbox.runTests(
      bundle.code,
      runnable.map(({ p, i }) => ({ name: `probe-${i}`, entry: `tools.${p.tool}.run`, input: p.input ?? {}, http: p.http })),
      { allowHosts: hostsOf(bundle), secrets: secretsOf(bundle), ...(limits ? { limits } : {}), ...(extra ?? {}) },
    );
    const byName = new Map(report.results.map((r) => [r.name, r]));
    for (const { i } of runnable) out[i] = outputSignature(byName.get(`probe-${i}`));
  } catch {
    for (const { i } of runnable) out[i] = 'error:RUN_FAILED';
  }
  return out;
}

/** The outputs of every candidate on every probe (`signatures[candidate][probe]`). */
export interface CandidateOutputs {
  /** The inputs every candidate was run on. */
  probes: AgreementProbe[];
  /** One `outputSignature` per candidate and probe (`missing` where a candidate lacks the tool). */
  signatures: string[][];
}

/** Runs every candidate (concurrently) on the union of all candidates' offline test inputs. */
export async function runCandidates(
  sandbox: Sandbox,
  bundles: ModuleBundle[],
  options: { limits?: Partial<Limits>; capabilities?: object } = {},
): Promise<CandidateOutputs> {
  const probes = bundles.length > 1 ? collectProbes(bundles) : [];
  if (probes.length === 0) return { probes, signatures: bundles.map(() => []) };
  const signatures = await Promise.all(bundles.map((b) => signaturesOf(sandbox, b, probes, options.limits, options.capabilities)));
  return { probes, signatures };
}

/**
 * Agreement share (0..1) of each candidate: for every probe, the share of candidates whose output
 * equals this candidate's, averaged over probes. One candidate (or no probes) → 1 for each.
 */
export async function measureAgreement(
  sandbox: Sandbox,
  bundles: ModuleBundle[],
  options: { limits?: Partial<Limits>; capabilities?: object } = {},
): Promise<number[]> {
  if (bundles.length <= 1) return bundles.map(() => 1);
  return agreementFromSignatures((await runCandidates(sandbox, bundles, options)).signatures);
}

function describeSignature(signature: string): string {
  if (signature.startsWith('value:')) return `returns ${signature.slice('value:'.length)}`;
  if (signature.startsWith('error:')) return `throws ${signature.slice('error:'.length)}`;
  return signature;
}

/**
 * The probes the chosen candidate answers on which candidates' outputs differ (candidates
 * without the tool are left out), each with its distinct outputs, the chosen one's first.
 */
export function disagreementsOf(outputs: CandidateOutputs, chosen: number): CandidateDisagreement[] {
  const found: CandidateDisagreement[] = [];
  outputs.probes.forEach((probe, p) => {
    const mine = outputs.signatures[chosen]?.[p];
    if (mine === undefined || mine === 'missing') return;
    const groups = new Map<string, number[]>([[mine, []]]);
    outputs.signatures.forEach((sigs, c) => {
      const sig = sigs[p];
      if (sig === undefined || sig === 'missing') return;
      groups.set(sig, [...(groups.get(sig) ?? []), c]);
    });
    if (groups.size < 2) return;
    found.push({
      tool: probe.tool,
      input: (probe.input ?? {}) as JSONValue,
      http: probe.http,
      outputs: [...groups].map(([sig, candidates]) => ({ output: describeSignature(sig), candidates })),
    });
  });
  return found;
}

/** Pure part of `measureAgreement`: `signatures[candidate][probe]` → share per candidate. */
export function agreementFromSignatures(signatures: string[][]): number[] {
  const k = signatures.length;
  if (k <= 1) return signatures.map(() => 1);
  const probes = signatures[0]?.length ?? 0;
  if (probes === 0) return signatures.map(() => 1 / k);
  return signatures.map((mine) => {
    let total = 0;
    for (let p = 0; p < probes; p++) {
      const same = signatures.filter((other) => other[p] === mine[p]).length;
      total += same / k;
    }
    return total / probes;
  });
}

/** A validated candidate with its agreement share. */
export interface ScoredCandidate {
  report: ValidationReport;
  agreement: number;
}

/** Share (0..1) of a candidate's own offline tests that passed (0 when they could not run). */
function passRate(report: ValidationReport): number {
  const t = report.tests;
  if (!t) return 0;
  const total = t.passed + t.failed;
  return total === 0 ? 0 : t.passed / total;
}

/**
 * Index of the best candidate: passed validation first, then the larger share of its own tests
 * passed, then higher agreement, then the earlier candidate. A share, not a count: every
 * candidate writes its own tests, so a candidate that wrote more of them (or easier ones) must
 * not outrank one the others agree with.
 */
export function pickBest(candidates: ScoredCandidate[]): number {
  let best = 0;
  const key = (c: ScoredCandidate) => [c.report.passed ? 1 : 0, passRate(c.report), c.agreement] as const;
  for (let i = 1; i < candidates.length; i++) {
    const a = key(candidates[i]!);
    const b = key(candidates[best]!);
    if (a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2]) best = i;
  }
  return best;
}
