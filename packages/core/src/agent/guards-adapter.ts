/**
 * Thin adapter between the agent and the guards (`createGuards(...)`): a PII vault per
 * thread (in memory only, so redacted values never reach a checkpoint), verdicts reduced
 * to what events may carry (types, counts, scores), placeholder restoration, response cache.
 */
import type { Guards, GuardResult, ResponseCache } from '../guards/index.js';
import { PiiVault } from '../guards/index.js';
import { MAX_VAULT_THREADS } from '../defaults.js';

/** The guards the agent accepts: what `createGuards(...)` returns. */
export type AgentGuards = Guards;

/** @internal What a guard inspection tells the agent (no raw PII or secrets). */
export interface GuardVerdict {
  /** The text to use from now on (redacted when PII was found). */
  text: string;
  /** Set when the text must not reach the model. */
  blocked?: { guard: string; reason: string };
  /** PII that was found (types only). */
  pii?: { kinds: string[]; count: number };
  /** Injection verdict (rule ids, strongest first; no text). */
  injection?: { flagged: boolean; score: number; rules: string[] };
}

/** @internal */
export interface GuardsAdapter {
  inspectInput(text: string, threadId: string, runId?: string): Promise<GuardVerdict>;
  inspectToolResult(text: string, threadId: string, runId?: string): Promise<GuardVerdict>;
  restoreToolArgs(args: Record<string, unknown>, threadId: string): Record<string, unknown>;
  cache?: ResponseCache;
}

function verdict(r: GuardResult): GuardVerdict {
  const out: GuardVerdict = { text: r.text };
  const kinds = new Set<string>();
  let count = 0;
  for (const f of r.findings) {
    if (f.guard === 'pii') {
      kinds.add(f.type);
      count++;
    }
  }
  if (count) out.pii = { kinds: [...kinds], count };
  if (r.injection) out.injection = { flagged: r.injection.flagged, score: r.injection.score, rules: r.injection.rules.map((h) => h.id) };
  if (r.blocked) out.blocked = { guard: 'injection', reason: `prompt injection suspected (score ${(r.injection?.score ?? 1).toFixed(2)})` };
  return out;
}

/** @internal */
export function adaptGuards(guards: AgentGuards | undefined): GuardsAdapter | undefined {
  if (!guards) return undefined;
  const vaults = new Map<string, PiiVault>();
  const vaultOf = (threadId: string) => {
    let v = vaults.get(threadId);
    if (!v) {
      if (vaults.size >= MAX_VAULT_THREADS) vaults.delete(vaults.keys().next().value as string);
      vaults.set(threadId, (v = new PiiVault()));
    }
    return v;
  };
  const adapter: GuardsAdapter = {
    inspectInput: async (text, threadId, runId) => verdict(await guards.inspectInput(text, { vault: vaultOf(threadId), ...(runId ? { runId } : {}) })),
    inspectToolResult: async (text, threadId, runId) =>
      verdict(await guards.inspectToolResult(text, { vault: vaultOf(threadId), ...(runId ? { runId } : {}) })),
    restoreToolArgs: (args, threadId) => guards.restoreArgs(args, { vault: vaultOf(threadId) }),
  };
  if (guards.cache) adapter.cache = guards.cache;
  return adapter;
}
