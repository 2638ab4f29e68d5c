/** Shapes of the tool-retrieval evaluation catalog (see generate.ts). */

/** One operation a domain's modules offer. */
export interface OpSpec {
  /** Tool name inside a module (e.g. `forecast`). */
  op: string;
  /** Description variants; each module picks one (near-duplicates with different wording). */
  desc: string[];
  /** Input properties: name → description. */
  params: Record<string, string>;
  /** How users ask for it; `{slot}` placeholders are filled from SLOTS. */
  asks: string[];
}

/** A domain: several competing modules (providers) offering the same operations. */
export interface DomainSpec {
  /** Domain id. */
  domain: string;
  /** Provider display names; each becomes one module. */
  providers: string[];
  /** Operations; each provider offers a deterministic subset (at least two). */
  ops: OpSpec[];
}
