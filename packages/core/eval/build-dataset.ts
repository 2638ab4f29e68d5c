/**
 * Builds the labelled evaluation sets from the sources in `./sources`:
 *   pii.dev.jsonl / pii.test.jsonl             { text, pii: [{ type, value }] }
 *   injection.dev.jsonl / injection.test.jsonl { text, injection, kind }
 *   pii.hard.dev.jsonl / injection.hard.dev.jsonl    (hand-written, adversarial, used for tuning)
 *   pii.hard.test.jsonl / injection.hard.test.jsonl  (hand-written, adversarial held-out)
 * Dev and test never share a payload, a benign text, a wrapper or a sentence template.
 * Run: node --import tsx packages/core/eval/build-dataset.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HARD_DEV_INJECTION, HARD_DEV_PII } from './sources/hard-dev.js';
import { HARD_INJECTION, HARD_PII } from './sources/hard-heldout.js';
import { BENIGN } from './sources/injection-benign.js';
import { DIRECT, INDIRECT } from './sources/injection-positive.js';
import { LOOKALIKE_TEMPLATES_DEV, LOOKALIKE_TEMPLATES_TEST, PII_TEMPLATES_DEV, PII_TEMPLATES_TEST } from './sources/pii-templates.js';
import { DEV_BENIGN, DEV_CARRIERS, DEV_DIRECT, DEV_INDIRECT, type Row } from './sources/rw-injection-dev.js';
import { TEST_BENIGN, TEST_CARRIERS, TEST_DIRECT, TEST_INDIRECT } from './sources/rw-injection-test.js';
import { RW_FREE_DEV, RW_FREE_TEST, RW_LOOK_ALIKES, RW_PII_DEV, RW_PII_TEST, RW_SLOTS } from './sources/rw-pii.js';
import { apiKey, card, email, iban, ipv4, ipv6, LOOK_ALIKES, phone, pick, rng, ssn, type Rand } from './sources/pii-values.js';

const here = dirname(fileURLToPath(import.meta.url));
const PII_PER_TEMPLATE = 6;
const LOOKALIKES_PER_TEMPLATE = 4;

const GEN: Record<string, (r: Rand) => string> = {
  email,
  phone,
  credit_card: card,
  ssn,
  iban,
  api_key: apiKey,
  ip_address: (r) => (r() < 0.7 ? ipv4(r) : ipv6(r)),
};

interface PiiRow {
  text: string;
  pii: { type: string; value: string }[];
}
interface InjRow {
  text: string;
  injection: boolean;
  kind: string;
}

function fill(template: string, r: Rand): PiiRow {
  const pii: PiiRow['pii'] = [];
  const text = template.replace(/\{(~?)(\w+)\}/g, (_, look: string, name: string) => {
    if (look) return LOOK_ALIKES[name]!(r);
    const value = GEN[name]!(r);
    pii.push({ type: name, value });
    return value;
  });
  return { text, pii };
}

function piiSplit(templates: readonly string[], lookalikes: readonly string[], seed: number): PiiRow[] {
  const r = rng(seed);
  const rows: PiiRow[] = [];
  for (const t of templates) for (let i = 0; i < PII_PER_TEMPLATE; i++) rows.push(fill(t, r));
  for (const t of lookalikes) for (let i = 0; i < LOOKALIKES_PER_TEMPLATE; i++) rows.push(fill(t, r));
  return rows;
}

type Wrapper = (payload: string, r: Rand) => string;

const DEV_WRAPPERS: Wrapper[] = [
  (p) => `From: Alex Moreau <alex.m@vendor-mail.test>\nSubject: Re: Q3 numbers\n\nHi,\n\n${p}\n\nBest,\nAlex`,
  (p) => JSON.stringify({ title: 'Customer note', body: p, created: '2025-03-02' }),
  (p) => `<html><body><h1>Spring sale</h1><p>${p}</p><footer>© Shop</footer></body></html>`,
  (p) => `Quick question before we start. ${p}`,
];
const TEST_WRAPPERS: Wrapper[] = [
  (p) => `-----Original Message-----\nFrom: billing@supplier.test\nSent: Monday\nTo: accounts\n\n${p}\n\nRegards`,
  (p) =>
    JSON.stringify({
      results: [
        { rank: 1, snippet: 'Opening hours 9-5.' },
        { rank: 2, snippet: p },
      ],
    }),
  (p) => `# Meeting notes\n\n- Budget approved\n- ${p}\n- Next sync Thursday`,
  (p) => `hey, ${p} thanks`,
];

function injectionSplit(part: 0 | 1, seed: number): InjRow[] {
  const r = rng(seed);
  const wrappers = part === 0 ? DEV_WRAPPERS : TEST_WRAPPERS;
  const rows: InjRow[] = [];
  const mine = <T>(xs: readonly T[]): T[] => xs.filter((_, i) => i % 2 === part);
  for (const [kind, p] of mine(DIRECT)) {
    rows.push({ text: p, injection: true, kind: `direct-${kind}` });
    rows.push({ text: pick(r, wrappers)(p, r), injection: true, kind: `direct-${kind}` });
  }
  for (const [kind, p] of mine(INDIRECT)) {
    rows.push({ text: p, injection: true, kind });
    rows.push({ text: pick(r, wrappers)(p, r), injection: true, kind });
  }
  for (const [kind, t] of mine(BENIGN)) {
    rows.push({ text: t, injection: false, kind: `benign-${kind}` });
    rows.push({ text: pick(r, wrappers)(t, r), injection: false, kind: `benign-${kind}` });
  }
  return rows;
}

function write(name: string, rows: object[]): void {
  writeFileSync(join(here, name), rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
  console.log(`${name}: ${rows.length} rows`);
}

const RW_PER_TEMPLATE = 8;
const RW_FREE_PER_TEMPLATE = 6;

function rwPii(templates: readonly string[], free: readonly string[], seed: number): PiiRow[] {
  const r = rng(seed);
  const rows: PiiRow[] = [];
  const fillRw = (t: string): PiiRow => {
    const pii: PiiRow['pii'] = [];
    const text = t.replace(/\{(~?)(\w+)\}/g, (_, look: string, name: string) => {
      if (look) return RW_LOOK_ALIKES[name]!(r);
      const [type, gen] = RW_SLOTS[name]!;
      const value = gen(r);
      pii.push({ type, value });
      return value;
    });
    return { text, pii };
  };
  for (const t of templates) for (let i = 0; i < RW_PER_TEMPLATE; i++) rows.push(fillRw(t));
  for (const t of free) for (let i = 0; i < RW_FREE_PER_TEMPLATE; i++) rows.push(fillRw(t));
  return rows;
}

/** Direct attacks as typed; planted payloads and benign texts inside the split's carriers. */
function rwInjection(direct: readonly Row[], indirect: readonly Row[], benign: readonly Row[], carriers: ReadonlyArray<(p: string) => string>): InjRow[] {
  const rows: InjRow[] = [];
  for (const [kind, text] of direct) rows.push({ text, injection: true, kind });
  indirect.forEach(([kind, text], i) => rows.push({ text: carriers[i % carriers.length]!(text), injection: true, kind }));
  benign.forEach(([kind, text], i) => {
    rows.push({ text, injection: false, kind });
    // A user's chat message never arrives inside a tool result: only documents are wrapped.
    if (kind !== 'benign-chat') rows.push({ text: carriers[(i * 3) % carriers.length]!(text), injection: false, kind: `${kind}-wrapped` });
  });
  return rows;
}

write('pii.rw.dev.jsonl', rwPii(RW_PII_DEV, RW_FREE_DEV, 5005));
write('pii.rw.test.jsonl', rwPii(RW_PII_TEST, RW_FREE_TEST, 6006));
write('injection.rw.dev.jsonl', rwInjection(DEV_DIRECT, DEV_INDIRECT, DEV_BENIGN, DEV_CARRIERS));
write('injection.rw.test.jsonl', rwInjection(TEST_DIRECT, TEST_INDIRECT, TEST_BENIGN, TEST_CARRIERS));
write('pii.dev.jsonl', piiSplit(PII_TEMPLATES_DEV, LOOKALIKE_TEMPLATES_DEV, 1001));
write('pii.test.jsonl', piiSplit(PII_TEMPLATES_TEST, LOOKALIKE_TEMPLATES_TEST, 2002));
write('injection.dev.jsonl', injectionSplit(0, 3003));
write('injection.test.jsonl', injectionSplit(1, 4004));
write(
  'pii.hard.dev.jsonl',
  HARD_DEV_PII.map(([text, pii]) => ({ text, pii: pii.map(([type, value]) => ({ type, value })) })),
);
write(
  'injection.hard.dev.jsonl',
  HARD_DEV_INJECTION.map(([text, injection, kind]) => ({ text, injection, kind })),
);
write(
  'pii.hard.test.jsonl',
  HARD_PII.map(([text, pii]) => ({ text, pii: pii.map(([type, value]) => ({ type, value })) })),
);
write(
  'injection.hard.test.jsonl',
  HARD_INJECTION.map(([text, injection, kind]) => ({ text, injection, kind })),
);
