/**
 * Generators of synthetic, valid-format PII values and of look-alikes that are not PII.
 * Deterministic given the RNG. Names, domains and numbers are fictional.
 */

/** A small seeded RNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const digits = (r: Rand, n: number): string => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const chars = (r: Rand, n: number, alphabet: string): string => Array.from({ length: n }, () => alphabet[int(r, 0, alphabet.length - 1)]).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';

const FIRST = ['john', 'maria', 'li', 'fatima', 'oliver', 'sofia', 'kenji', 'amara', 'lukas', 'priya', 'noah', 'elena', 'diego', 'hannah', 'omar'];
const LAST = ['smith', 'garcia', 'chen', 'khan', 'muller', 'rossi', 'tanaka', 'okafor', 'novak', 'patel', 'brown', 'ivanova', 'silva', 'weber', 'haddad'];
const DOMAINS = ['example.com', 'mail.example.org', 'acme-corp.io', 'university.edu', 'company.co.uk', 'web.de', 'post.example.net', 'startup.dev'];

export function email(r: Rand): string {
  const f = pick(r, FIRST),
    l = pick(r, LAST);
  const local = pick(r, [`${f}.${l}`, `${f}${int(r, 1, 99)}`, `${f[0]}${l}`, `${f}_${l}`, `${f}+news`, `${l}.${f}`]);
  return `${local}@${pick(r, DOMAINS)}`;
}

export function phone(r: Rand): string {
  const area = `${int(r, 2, 9)}${digits(r, 2)}`;
  const ex = `${int(r, 2, 9)}${digits(r, 2)}`;
  const line = digits(r, 4);
  return pick(r, [
    `(${area}) ${ex}-${line}`,
    `${area}-${ex}-${line}`,
    `${area}.${ex}.${line}`,
    `+1 ${area} ${ex} ${line}`,
    `+1-${area}-${ex}-${line}`,
    `+44 20 ${int(r, 7000, 8999)} ${digits(r, 4)}`,
    `+44 7${digits(r, 3)} ${digits(r, 6)}`,
    `020 ${int(r, 7000, 8999)} ${digits(r, 4)}`,
    `07${digits(r, 3)} ${digits(r, 6)}`,
    `+49 30 ${digits(r, 8)}`,
    `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    `+81 3-${digits(r, 4)}-${digits(r, 4)}`,
    `+61 2 ${digits(r, 4)} ${digits(r, 4)}`,
    `+14155${digits(r, 6)}`,
    `+4915${digits(r, 9)}`,
  ]);
}

function luhnDigit(partial: string): string {
  let sum = 0;
  let dbl = true;
  for (let i = partial.length - 1; i >= 0; i--) {
    let d = Number(partial[i]);
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A Luhn-valid card number of a real brand layout, formatted like people type it. */
export function card(r: Rand): string {
  const kind = pick(r, ['visa', 'visa', 'mc', 'mc2', 'amex', 'discover', 'test']);
  if (kind === 'test') return pick(r, ['4111 1111 1111 1111', '5555 5555 5555 4444', '4242424242424242', '378282246310005', '6011111111111117']);
  let prefix: string, len: number;
  if (kind === 'visa') {
    prefix = '4';
    len = 16;
  } else if (kind === 'mc') {
    prefix = String(int(r, 51, 55));
    len = 16;
  } else if (kind === 'mc2') {
    prefix = String(int(r, 2221, 2720));
    len = 16;
  } else if (kind === 'amex') {
    prefix = pick(r, ['34', '37']);
    len = 15;
  } else {
    prefix = '6011';
    len = 16;
  }
  const body = prefix + digits(r, len - prefix.length - 1);
  const num = body + luhnDigit(body);
  if (len === 15) return pick(r, [num, `${num.slice(0, 4)} ${num.slice(4, 10)} ${num.slice(10)}`]);
  const g = num.match(/.{4}/g)!;
  return pick(r, [num, g.join(' '), g.join('-')]);
}

/** A 16-digit number with a Visa prefix that fails Luhn. */
export function badCard(r: Rand): string {
  const body = '4' + digits(r, 14);
  const good = Number(luhnDigit(body));
  const num = body + String((good + int(r, 1, 9)) % 10);
  const g = num.match(/.{4}/g)!;
  return pick(r, [num, g.join(' '), g.join('-')]);
}

export function ssn(r: Rand): string {
  let area = int(r, 1, 899);
  if (area === 666) area = 667;
  const a = String(area).padStart(3, '0');
  return `${a}-${String(int(r, 1, 99)).padStart(2, '0')}-${String(int(r, 1, 9999)).padStart(4, '0')}`;
}

export function badSsn(r: Rand): string {
  return pick(r, [
    `000-${String(int(r, 10, 99))}-${digits(r, 4)}`,
    `666-${String(int(r, 10, 99))}-${digits(r, 4)}`,
    `9${digits(r, 2)}-${String(int(r, 10, 99))}-${digits(r, 4)}`,
    `${int(r, 100, 899)}-00-${digits(r, 4)}`,
    `${int(r, 100, 899)}-${int(r, 10, 99)}-0000`,
  ]);
}

function mod97(s: string): number {
  let rem = 0;
  for (const ch of s) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

const IBAN_FORMATS: ReadonlyArray<readonly [string, () => (r: Rand) => string]> = [
  ['DE', () => (r) => digits(r, 18)],
  ['GB', () => (r) => chars(r, 4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + digits(r, 14)],
  ['FR', () => (r) => digits(r, 23)],
  ['ES', () => (r) => digits(r, 20)],
  ['NL', () => (r) => chars(r, 4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + digits(r, 10)],
  ['IT', () => (r) => chars(r, 1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + digits(r, 22)],
  ['CH', () => (r) => digits(r, 17)],
  ['BE', () => (r) => digits(r, 12)],
];

function ibanRaw(r: Rand, valid: boolean): string {
  const [cc, mk] = pick(r, IBAN_FORMATS);
  const bban = mk()(r);
  let check = 98 - mod97(bban + cc + '00');
  if (!valid) check = ((check + int(r, 1, 50)) % 97) + 2;
  const iban = cc + String(check).padStart(2, '0') + bban;
  return pick(r, [iban, iban.match(/.{1,4}/g)!.join(' ')]);
}
export const iban = (r: Rand): string => ibanRaw(r, true);
export const badIban = (r: Rand): string => ibanRaw(r, false);

export function apiKey(r: Rand): string {
  return pick(r, [
    () => `sk-${chars(r, 48, ALNUM)}`,
    () => `sk-proj-${chars(r, 56, ALNUM + '_-')}${int(r, 0, 9)}`,
    () => `AKIA${chars(r, 16, UPPER_NUM)}`,
    () => `ghp_${chars(r, 36, ALNUM)}`,
    () => `github_pat_${chars(r, 22, ALNUM)}_${chars(r, 59, ALNUM)}`,
    () => `xoxb-${digits(r, 12)}-${digits(r, 13)}-${chars(r, 24, ALNUM)}`,
    () => `AIza${chars(r, 35, ALNUM + '_-')}`,
    () => `sk_live_${chars(r, 24, ALNUM)}`,
    () => `rk_test_${chars(r, 24, ALNUM)}`,
    () => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${chars(r, 40, ALNUM)}.${chars(r, 43, ALNUM + '_-')}`,
    () => `sk-ant-api03-${chars(r, 80, ALNUM + '_-')}`,
  ])();
}

export function ipv4(r: Rand): string {
  return pick(r, [
    () => `192.168.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    () => `10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    () => `${int(r, 11, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    () => `172.${int(r, 16, 31)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
  ])();
}

export function ipv6(r: Rand): string {
  const g = (): string => chars(r, int(r, 1, 4), HEX).replace(/^0+(?=.)/, '');
  return pick(r, [
    () => `2001:db8:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`,
    () => `2001:db8::${g()}:${g()}`,
    () => `fe80::${g()}:${g()}:${g()}:${g()}`,
    () => `2a00:1450:${g()}:${g()}::${g()}`,
    () => `::ffff:192.0.2.${int(r, 1, 254)}`,
  ])();
}

/** Not-PII strings that resemble PII. */
export const LOOK_ALIKES: Readonly<Record<string, (r: Rand) => string>> = {
  order: (r) => pick(r, [`ORD-${digits(r, 8)}`, `#${digits(r, 7)}`, `PO ${digits(r, 4)}-${digits(r, 4)}`, `A${digits(r, 3)}-${digits(r, 3)}-${digits(r, 3)}`]),
  tracking: (r) => pick(r, [`1Z${chars(r, 16, UPPER_NUM)}`, `9400${digits(r, 18)}`, `${digits(r, 12)}`, `JD${digits(r, 18)}`]),
  sha: (r) => chars(r, pick(r, [32, 40, 64]), HEX),
  uuid: (r) => `${chars(r, 8, HEX)}-${chars(r, 4, HEX)}-4${chars(r, 3, HEX)}-a${chars(r, 3, HEX)}-${chars(r, 12, HEX)}`,
  badCard,
  badSsn,
  badIban,
  version: (r) =>
    pick(r, [
      `v${int(r, 1, 9)}.${int(r, 0, 20)}.${int(r, 0, 20)}.${int(r, 0, 99)}`,
      `version ${int(r, 1, 12)}.${int(r, 0, 9)}.${int(r, 1000, 22000)}.${int(r, 1, 999)}`,
      `${int(r, 1, 5)}.${int(r, 0, 30)}.${int(r, 0, 9)}`,
    ]),
  date: (r) => `${int(r, 2019, 2026)}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}`,
  time: (r) => `${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}`,
  mac: (r) => Array.from({ length: 6 }, () => chars(r, 2, '0123456789ABCDEF')).join(':'),
  isbn: (r) => `978-${int(r, 0, 1)}-${digits(r, 3)}-${digits(r, 5)}-${int(r, 0, 9)}`,
  price: (r) => `$${int(r, 1, 9)},${digits(r, 3)}.${digits(r, 2)}`,
  masked: (r) => `**** **** **** ${digits(r, 4)}`,
  placeholderKey: (r) => pick(r, ['YOUR_API_KEY', 'sk-...', '<your-token-here>', 'xxxx-xxxx-xxxx', '$OPENAI_API_KEY', 'process.env.STRIPE_KEY']),
  handle: (r) => pick(r, [`@${pick(r, FIRST)}`, `@graft/core`, `icon@2x.png`, `${pick(r, FIRST)}@localhost`, `npm i lodash@4.17.21`]),
  zip: (r) => `${digits(r, 5)}-${digits(r, 4)}`,
  coords: (r) => `${int(r, -89, 89)}.${digits(r, 5)}, ${int(r, -179, 179)}.${digits(r, 5)}`,
  build: (r) => `build ${digits(r, 10)}`,
  oid: (r) => `1.3.6.1.4.1.${digits(r, 4)}.${int(r, 1, 9)}`,
};
