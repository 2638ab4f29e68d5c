/**
 * Real-world-style PII set (written for issue 17): values in the formats Faker's locale
 * providers print (en_US `001-…x123` extensions, fr_FR dotted, de_DE `(030)`, en_GB `+44(0)`),
 * Presidio-style sentence templates (CRM notes, signatures, tickets, logs, CSV rows), and
 * PII-free lines that look like PII (dial-in PINs, git remotes, order numbers, versions).
 * Dev and test use disjoint templates and different seeds. Everything is fictional.
 */
import { iban as ibanValue, int, pick, type Rand } from './pii-values.js';

const digits = (r: Rand, n: number): string => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const chars = (r: Rand, n: number, alphabet: string): string => Array.from({ length: n }, () => alphabet[int(r, 0, alphabet.length - 1)]).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const nxx = (r: Rand): string => `${int(r, 2, 9)}${digits(r, 2)}`;

/** Phones as Faker/Presidio generators print them, plus the shapes real signatures use. */
export function rwPhone(r: Rand): string {
  const a = nxx(r),
    e = nxx(r),
    l = digits(r, 4);
  return pick(r, [
    () => `${a}-${e}-${l}x${digits(r, int(r, 3, 5))}`,
    () => `(${a})${e}-${l}x${digits(r, 3)}`,
    () => `001-${a}-${e}-${l}x${digits(r, 3)}`,
    () => `+1-${a}-${e}-${l}x${digits(r, 4)}`,
    () => `${a}.${e}.${l}`,
    () => `(${a}) ${e}-${l} ext. ${digits(r, 3)}`,
    () => `${a}-${e}-${l} ext ${digits(r, 4)}`,
    () => `1${a}${e}${l}`,
    () => `0${int(r, 1, 9)}.${digits(r, 2)}.${digits(r, 2)}.${digits(r, 2)}.${digits(r, 2)}`,
    () => `0${int(r, 1, 9)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    () => `+33 (0)${int(r, 1, 9)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    () => `+33 ${int(r, 1, 9)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    () => `+49(0)${int(r, 30, 89)} ${digits(r, 6)}`,
    () => `(0${int(r, 30, 89)}) ${digits(r, 7)}`,
    () => `+44(0)20 ${int(r, 7000, 8999)} ${digits(r, 4)}`,
    () => `(0161) ${int(r, 400, 499)} ${digits(r, 4)}`,
    () => `44 20 ${int(r, 7000, 8999)} ${digits(r, 4)}`,
    () => `${a} ${e} ${l}`,
    () => `+31 (0)20 ${digits(r, 3)} ${digits(r, 4)}`,
    () => `+39 06 ${digits(r, 4)} ${digits(r, 4)}`,
  ])();
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
const withLuhn = (body: string): string => body + luhnDigit(body);

/** Cards Faker's `credit_card_number` prints: Visa 13/16/19, Mastercard, Amex, Discover, JCB 15/16, Maestro 12/16, Diners 14. */
export function rwCard(r: Rand): string {
  const kind = pick(r, ['visa13', 'visa16', 'visa19', 'mc', 'amex', 'discover', 'jcb15', 'jcb16', 'maestro12', 'maestro16', 'diners']);
  let num: string;
  switch (kind) {
    case 'visa13':
      num = withLuhn('4' + digits(r, 11));
      break;
    case 'visa16':
      num = withLuhn('4' + digits(r, 14));
      break;
    case 'visa19':
      num = withLuhn('4' + digits(r, 17));
      break;
    case 'mc':
      num = withLuhn(String(int(r, 51, 55)) + digits(r, 13));
      break;
    case 'amex':
      num = withLuhn(pick(r, ['34', '37']) + digits(r, 12));
      break;
    case 'discover':
      num = withLuhn('6011' + digits(r, 11));
      break;
    case 'jcb15':
      num = withLuhn(pick(r, ['2131', '1800']) + digits(r, 10));
      break;
    case 'jcb16':
      num = withLuhn('35' + String(int(r, 28, 89)) + digits(r, 11));
      break;
    case 'maestro12':
      num = withLuhn(pick(r, ['5018', '5020', '5038', '6304', '6759', '6761', '6762', '6763']) + digits(r, 7));
      break;
    case 'maestro16':
      num = withLuhn(pick(r, ['5018', '6304', '6759']) + digits(r, 11));
      break;
    default:
      num = withLuhn('36' + digits(r, 11));
      break;
  }
  if (num.length === 16 && r() < 0.4) return num.match(/.{4}/g)!.join(pick(r, [' ', '-']));
  return num;
}

/** IBANs, sometimes lower-case (copied from web forms and CSV exports). */
export function rwIban(r: Rand): string {
  const v = ibanValue(r);
  return r() < 0.35 ? v.toLowerCase() : v;
}

export function rwEmail(r: Rand): string {
  const first = pick(r, ['camille', 'jean-luc', 'ana', 'tomasz', 'yuki', 'aisha', 'bjorn', 'meera', 'carlos', 'ines', 'wei', 'olga', 'sean', 'lea']);
  const last = pick(r, ['dubois', 'kowalski', 'sato', 'bello', 'lindqvist', 'iyer', 'mendez', 'ferreira', 'zhang', 'petrova', "o'neil", 'roux']);
  const domain = pick(r, [
    'gmail.test',
    'laposte.example.fr',
    'mail.example.com',
    'corp.example.co.jp',
    'uni-example.de',
    'example.org',
    'sub.mail.example.io',
    'example.com.br',
  ]);
  return `${pick(r, [`${first}.${last}`, `${first[0]}${last}${int(r, 1, 99)}`, `${first}_${last}`, `${last}.${first}+invoices`, `${first}${int(r, 1900, 2005)}`])}@${domain}`;
}

/** Tokens and keys as they appear in configs and URLs. */
export function rwKey(r: Rand): string {
  return pick(r, [
    () => `ghp_${chars(r, 36, ALNUM)}`,
    () => `glpat-${chars(r, 20, ALNUM)}`,
    () => `sk-proj-${chars(r, 48, ALNUM)}`,
    () => `xoxp-${digits(r, 11)}-${digits(r, 12)}-${chars(r, 32, HEX)}`,
    () => `AKIA${chars(r, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    () => `sk_live_${chars(r, 32, ALNUM)}`,
    () => `AIza${chars(r, 35, ALNUM)}`,
    () => `npm_${chars(r, 36, ALNUM)}`,
  ])();
}

export function rwSsn(r: Rand): string {
  const s = `${String(int(r, 101, 665)).padStart(3, '0')}-${String(int(r, 10, 99))}-${String(int(r, 1000, 9999))}`;
  return r() < 0.25 ? s.replace(/-/g, ' ') : s;
}

export function rwIp(r: Rand): string {
  return pick(r, [
    () => `${int(r, 11, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    () => `2001:db8:${chars(r, 4, HEX)}::${chars(r, 3, HEX)}`,
    () => `10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
  ])();
}

/** PII-free look-alikes seen in the wild. */
export const RW_LOOK_ALIKES: Readonly<Record<string, (r: Rand) => string>> = {
  pin: (r) => `${digits(r, 3)} ${digits(r, 3)} ${digits(r, 3)}#`,
  pin2: (r) => `${digits(r, 4)} ${digits(r, 4)}#`,
  meetingId: (r) => `${int(r, 100, 999)} ${digits(r, 4)} ${digits(r, 4)}`,
  gitRemote: (r) =>
    pick(r, [
      `git@github.com:${pick(r, ['acme', 'graft-dev', 'octo'])}/${pick(r, ['api', 'web', 'infra'])}.git`,
      `git@gitlab.com:team/${pick(r, ['tools', 'site'])}.git`,
      `ssh://git@bitbucket.org/org/${pick(r, ['app', 'lib'])}.git`,
    ]),
  order: (r) => pick(r, [`SO-${digits(r, 6)}-${digits(r, 2)}`, `INV/${int(r, 2020, 2026)}/${digits(r, 5)}`, `case #${digits(r, 8)}`]),
  amount: (r) => `${int(r, 1, 99)}.${digits(r, 3)},${digits(r, 2)} €`,
  version: (r) => `${int(r, 1, 20)}.${int(r, 0, 9)}.${int(r, 0, 99)}`,
  dateDots: (r) => `${String(int(r, 1, 28)).padStart(2, '0')}.${String(int(r, 1, 12)).padStart(2, '0')}.${int(r, 2019, 2026)}`,
  hash: (r) => chars(r, 40, HEX),
  sku: (r) => `${chars(r, 3, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}-${digits(r, 4)}-${digits(r, 3)}`,
  dockerImage: (r) => `registry.example.com/team/app@sha256:${chars(r, 64, HEX)}`,
  npmPkg: (r) => pick(r, ['@types/node@20.19.0', 'react@18.3.1', 'user@localhost', 'noreply@github']),
  barcode: (r) => digits(r, 13),
  unixTime: (r) => `${int(r, 1600000000, 1800000000)}${digits(r, 3)}`,
  coords: (r) => `${int(r, 10, 60)}.${digits(r, 6)}, ${int(r, 1, 30)}.${digits(r, 6)}`,
  percent: (r) => `${int(r, 1, 99)}.${digits(r, 2)}%`,
};

/** Labelled generators for `{type}` slots. */
export const RW_GEN: Readonly<Record<string, (r: Rand) => string>> = {
  email: rwEmail,
  phone: rwPhone,
  credit_card: rwCard,
  iban: rwIban,
  api_key: rwKey,
  ssn: rwSsn,
  ip_address: rwIp,
};

/** Extra labelled slots: `{slot}` → [type, generator]. */
export const RW_SLOTS: Readonly<Record<string, readonly [string, (r: Rand) => string]>> = {
  ...Object.fromEntries(Object.entries(RW_GEN).map(([k, g]) => [k, [k, g] as const])),
  phone_bare: ['phone', (r) => `${int(r, 2, 9)}${digits(r, 9)}`],
  phone_nat: ['phone', (r) => pick(r, [`0${int(r, 1, 9)}${digits(r, 8)}`, `0${int(r, 20, 99)} ${digits(r, 4)} ${digits(r, 4)}`])],
};

/** Dev templates (tuning allowed). */
export const RW_PII_DEV: readonly string[] = [
  'Jean Dupont | Sales Director | {phone}-Office | {email}',
  'Desk: {phone_bare}\nMobile: {phone}',
  'CRM note: customer called from {phone}, asked to update card to {credit_card}.',
  'name,email,phone,iban\nCamille Roux,{email},{phone},{iban}',
  'git clone https://{api_key}@github.com/acme/billing.git',
  'Remote access granted from {ip_address}; contact {email} if this was not you.',
  'Tél. : {phone} — Courriel : {email}',
  'Please charge the Maestro card {credit_card} for the deposit.',
  'Virement sur le compte {iban} avant le 15.',
  'Ticket #4412: user reports SSN {ssn} shown on the W-2 preview.',
  'For urgent matters call {phone} (24/7 hotline).',
  '[2024-11-03 10:22:51] INFO login ok user={email} ip={ip_address}',
  'My JCB card number is {credit_card}.',
  'Direct line {phone_nat}, fax {phone}',
  'HTTP_PROXY=http://user:pass@proxy.internal:3128 TOKEN={api_key}',
  'Kontakt: {phone} oder {email}',
  'Please refund to {iban} (lower-case copy from our portal).',
  'Emergency contact: Ana Mendez, {phone}.',
];

/** Held-out templates (never tuned on). */
export const RW_PII_TEST: readonly string[] = [
  'Regards,\nTomasz Kowalski\nAccount Manager\n{phone}-Mobile\n{email}',
  'Office: {phone_bare}',
  'Support log — caller {phone}, verified with last four of card {credit_card}.',
  'id;mail;tel\n17;{email};{phone}',
  'pip install git+https://oauth2:{api_key}@gitlab.example.com/team/tools.git',
  'Unusual sign-in from {ip_address} for {email}.',
  'Numéro : {phone}',
  'Card used at checkout: {credit_card}',
  'Beneficiary account: {iban}',
  'Applicant social security no. {ssn} (verified).',
  'Reach me at {phone} any weekday.',
  'audit: actor={email} src={ip_address} action=export',
  'Payment card on file {credit_card}, holder Yuki Sato.',
  'Switchboard {phone_nat}',
  'export GITHUB_TOKEN={api_key}',
  'Telefon {phone}, E-Mail {email}',
  'iban: {iban}',
  'Call back number: {phone}',
];

/** PII-free dev lines (look-alikes). */
export const RW_FREE_DEV: readonly string[] = [
  'Conference bridge: open the invite link, then enter PIN {~pin}',
  'git remote add origin {~gitRemote}',
  'Order {~order} totals {~amount}, shipped {~dateDots}.',
  'Upgraded to {~version}; commit {~hash}.',
  'SKU {~sku}, barcode {~barcode}.',
  'Pull {~dockerImage} and run it.',
  'Installed {~npmPkg} yesterday.',
  'Event at {~coords}, timestamp {~unixTime}.',
  'Meeting ID {~meetingId}, passcode {~pin2}',
  'Conversion rate rose to {~percent} after release {~version}.',
  '## Contact\nWrite to us through the form on the website.',
  'Invoice {~order} for {~amount}.',
];

/** PII-free held-out lines. */
export const RW_FREE_TEST: readonly string[] = [
  'Join by phone, access code {~pin}',
  'Repository: {~gitRemote}',
  'Ref {~order}, amount {~amount}, date {~dateDots}.',
  'Build {~version} ({~hash})',
  'Item {~sku} — EAN {~barcode}',
  'Deployed {~dockerImage}',
  'Depends on {~npmPkg}.',
  'GPS {~coords} at {~unixTime}',
  'Webinar ID {~meetingId}, code {~pin2}',
  'Churn fell to {~percent}.',
  'Questions? Use the chat widget in the bottom corner.',
  'Credit note {~order}: {~amount}.',
];
