/**
 * Scores the guards' detectors on the labelled JSONL sets. Used by `evaluate.ts` (prints
 * and writes RESULTS.md) and by `test/guards/eval.test.ts` (asserts the targets).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectInjection, detectPII, PII_TYPES, type PiiSpan } from '@graft/core';

const here = dirname(fileURLToPath(import.meta.url));

export type Split = 'dev' | 'test' | 'hard.dev' | 'hard.test' | 'rw.dev' | 'rw.test';

/** Every held-out split (never tuned on): the figures the README may quote. */
export const HELD_OUT: readonly Split[] = ['test', 'hard.test', 'rw.test'];
/** Every split rules may be tuned on. */
export const DEV: readonly Split[] = ['dev', 'hard.dev', 'rw.dev'];

const nameOf = (split: Split | readonly Split[]): string => (typeof split === 'string' ? split : split.join('+'));
const rowsOf = <T>(prefix: string, split: Split | readonly Split[]): T[] =>
  (typeof split === 'string' ? [split] : split).flatMap((s) => load<T>(`${prefix}.${s}.jsonl`));

export interface PiiRow {
  text: string;
  pii: { type: string; value: string }[];
}
export interface InjRow {
  text: string;
  injection: boolean;
  kind: string;
}

export function load<T>(name: string): T[] {
  return readFileSync(join(here, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);
}

export interface TypeScore {
  type: string;
  labels: number;
  tp: number;
  fp: number;
  recall: number;
  precision: number;
  fprTexts: number;
}
export interface PiiReport {
  split: string;
  texts: number;
  piiFreeTexts: number;
  perType: TypeScore[];
  micro: { labels: number; tp: number; fp: number; recall: number; precision: number };
  /** Share of PII-free texts with at least one detection. */
  piiFreeFlagged: number;
  misses: { type: string; text: string }[];
  falsePositives: { type: string; value: string; text: string }[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

/** Locate each labelled value in the text (in order) and match detections of the same type by overlap. */
export function scorePii(split: Split | readonly Split[]): PiiReport {
  const rows = rowsOf<PiiRow>('pii', split);
  const stats = new Map<string, { labels: number; tp: number; fp: number; fprTexts: number }>();
  for (const t of PII_TYPES) stats.set(t, { labels: 0, tp: 0, fp: 0, fprTexts: 0 });
  let piiFree = 0;
  let piiFreeFlagged = 0;
  const misses: PiiReport['misses'] = [];
  const falsePositives: PiiReport['falsePositives'] = [];
  for (const row of rows) {
    const found = detectPII(row.text);
    const used = new Set<PiiSpan>();
    let from = 0;
    for (const label of row.pii) {
      const s = stats.get(label.type)!;
      s.labels++;
      const start = row.text.indexOf(label.value, from);
      const end = start + label.value.length;
      from = start >= 0 ? start + 1 : from;
      const hit = found.find((f) => !used.has(f) && f.type === label.type && f.start < end && f.end > start);
      if (hit) {
        used.add(hit);
        s.tp++;
      } else {
        misses.push({ type: label.type, text: row.text });
      }
    }
    const typesFlagged = new Set<string>();
    for (const f of found) {
      if (used.has(f)) continue;
      stats.get(f.type)!.fp++;
      typesFlagged.add(f.type);
      falsePositives.push({ type: f.type, value: f.value, text: row.text });
    }
    if (row.pii.length === 0) {
      piiFree++;
      if (found.length > 0) piiFreeFlagged++;
      for (const t of typesFlagged) stats.get(t)!.fprTexts++;
    }
  }
  const perType: TypeScore[] = [...stats].map(([type, s]) => ({
    type,
    labels: s.labels,
    tp: s.tp,
    fp: s.fp,
    recall: ratio(s.tp, s.labels),
    precision: ratio(s.tp, s.tp + s.fp),
    fprTexts: piiFree === 0 ? 0 : s.fprTexts / piiFree,
  }));
  const labels = perType.reduce((a, t) => a + t.labels, 0);
  const tp = perType.reduce((a, t) => a + t.tp, 0);
  const fp = perType.reduce((a, t) => a + t.fp, 0);
  return {
    split: nameOf(split),
    texts: rows.length,
    piiFreeTexts: piiFree,
    perType,
    micro: { labels, tp, fp, recall: ratio(tp, labels), precision: ratio(tp, tp + fp) },
    piiFreeFlagged: piiFree === 0 ? 0 : piiFreeFlagged / piiFree,
    misses,
    falsePositives,
  };
}

/**
 * Where a row's text would come from in an agent: chat messages and direct attacks are typed
 * by the user (`inspectInput`, origin `user`); everything else — documents, e-mails, web
 * pages, tool output, planted payloads — is a tool result (origin `untrusted`, every rule).
 */
export const originOf = (kind: string): 'user' | 'untrusted' => (kind === 'benign-chat' || kind.startsWith('direct-') ? 'user' : 'untrusted');

/** Planted (indirect) injections: kinds that start with `indirect` or `hard-indirect`. */
export const isIndirect = (kind: string): boolean => /^(?:hard-)?indirect/.test(kind);

export interface InjectionReport {
  split: string;
  /** Recall on direct attacks (typed by the user). */
  direct: { n: number; tp: number; recall: number };
  /** Recall on planted (indirect) attacks. */
  indirect: { n: number; tp: number; recall: number };
  threshold: number;
  positives: number;
  negatives: number;
  tp: number;
  fp: number;
  recall: number;
  precision: number;
  fpr: number;
  perKind: { kind: string; n: number; flagged: number; rate: number }[];
  misses: string[];
  falsePositives: { text: string; rules: string[] }[];
}

export function scoreInjection(split: Split | readonly Split[], threshold?: number): InjectionReport {
  const rows = rowsOf<InjRow>('injection', split);
  let tp = 0,
    fp = 0,
    pos = 0,
    neg = 0;
  const direct = { n: 0, tp: 0, recall: 0 };
  const indirect = { n: 0, tp: 0, recall: 0 };
  const kinds = new Map<string, { n: number; flagged: number }>();
  const misses: string[] = [];
  const falsePositives: InjectionReport['falsePositives'] = [];
  for (const row of rows) {
    const r = detectInjection(row.text, { origin: originOf(row.kind), ...(threshold === undefined ? {} : { threshold }) });
    const k = kinds.get(row.kind) ?? { n: 0, flagged: 0 };
    k.n++;
    if (r.flagged) k.flagged++;
    kinds.set(row.kind, k);
    if (row.injection) {
      pos++;
      const part = isIndirect(row.kind) ? indirect : direct;
      part.n++;
      if (r.flagged) part.tp++;
      if (r.flagged) tp++;
      else misses.push(row.text);
    } else {
      neg++;
      if (r.flagged) {
        fp++;
        falsePositives.push({ text: row.text, rules: r.rules.map((h) => h.id) });
      }
    }
  }
  direct.recall = ratio(direct.tp, direct.n);
  indirect.recall = ratio(indirect.tp, indirect.n);
  return {
    split: nameOf(split),
    direct,
    indirect,
    threshold: threshold ?? 0.5,
    positives: pos,
    negatives: neg,
    tp,
    fp,
    recall: ratio(tp, pos),
    precision: ratio(tp, tp + fp),
    fpr: neg === 0 ? 0 : fp / neg,
    perKind: [...kinds].map(([kind, v]) => ({ kind, n: v.n, flagged: v.flagged, rate: v.flagged / v.n })).sort((a, b) => a.kind.localeCompare(b.kind)),
    misses,
    falsePositives,
  };
}
