import { colonGroups, hasDigit } from './pii-shapes.js';
import type { PiiSpan } from './types.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
const VERSION_CONTEXT =
  /(?:\bv|\bversion|\bver\.?|\brev(?:ision)?\.?|\brelease|\bbuild|\bfirmware|\bsemver|\btable|\bsection|\bsec\.|\bchapter|\bch\.|\bfigure|\bfig\.|\bstep|\bclause|\barticle|\bart\.|\bitem|\bpara(?:graph)?|§)\s*:?\s*$/i;

/**
 * Find IPv4 addresses (dotted quads with octets 0-255). Quads written as versions or
 * outline numbers (`v1.2.3.4`, `version 10.0.19041.1`, `Rev 2.4.10.7`, `Table 3.1.4.1`) and
 * longer dotted runs (OIDs) are skipped.
 */
export function findIpv4(text: string, out: PiiSpan[]): void {
  const re = IPV4;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (VERSION_CONTEXT.test(before)) continue;
    out.push({ type: 'ip_address', kind: 'v4', start: m.index, end: m.index + m[0].length, value: m[0] });
  }
}

/** The hex groups of one side of `::` (`[]` for an empty side), or `undefined` when one is not 1-4 hex digits. */
function hexGroups(h: string): number | undefined {
  if (h === '') return 0;
  let groups = 1;
  let len = 0;
  for (let i = 0; i < h.length; i++) {
    const c = h.charCodeAt(i);
    if (c === 58) {
      if (len === 0) return undefined;
      groups++;
      len = 0;
    } else if ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)) {
      if (++len > 4) return undefined;
    } else {
      return undefined;
    }
  }
  return len === 0 ? undefined : groups;
}

const IPV4_TAIL = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/;

/** True when `s` is a syntactically valid IPv6 address (with optional embedded IPv4 tail). */
export function ipv6Valid(s: string): boolean {
  let body = s;
  if (s.includes('.')) {
    const v4 = IPV4_TAIL.exec(s);
    if (!v4) return false;
    for (const o of v4[1]!.split('.')) if (Number(o) > 255 || (o.length > 1 && o[0] === '0')) return false;
    body = s.slice(0, s.length - v4[1]!.length) + '0:0';
  }
  const dc = body.indexOf('::');
  if (dc === -1) return hexGroups(body) === 8;
  if (body.indexOf('::', dc + 1) !== -1) return false;
  const left = hexGroups(body.slice(0, dc));
  const right = hexGroups(body.slice(dc + 2));
  if (left === undefined || right === undefined) return false;
  return left + right < 8;
}

/** Characters an IPv6 token may contain: hex digits, `:` and `.` (for an IPv4 tail). */
const isV6Char = (c: number): boolean => (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46;
/** Characters that may not touch an address (it would be part of a longer word). */
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * Find IPv6 addresses, full or `::`-compressed. Each `:` is grown to the run of hex digits,
 * colons and dots around it (one linear pass); the run must parse as IPv6 and look like an
 * address rather than code (`A::B`): at least three groups, or a digit and a `::`.
 */
export function findIpv6(text: string, out: PiiSpan[]): void {
  let colon = text.indexOf(':');
  while (colon !== -1) {
    let s = colon;
    while (s > 0 && isV6Char(text.charCodeAt(s - 1))) s--;
    let e = colon + 1;
    while (e < text.length && isV6Char(text.charCodeAt(e))) e++;
    // Trim a trailing sentence dot or colon ("…7334." / "…:1:").
    while (e > colon + 1 && (text.charCodeAt(e - 1) === 46 || (text.charCodeAt(e - 1) === 58 && text.charCodeAt(e - 2) !== 58))) e--;
    while (s < colon && text.charCodeAt(s) === 46) s++;
    const before = s > 0 ? text.charCodeAt(s - 1) : 0;
    const after = e < text.length ? text.charCodeAt(e) : 0;
    // The longest textual IPv6 address (with an IPv4 tail) has 45 characters.
    const v = e - s >= 3 && e - s <= 45 ? text.slice(s, e) : '';
    if (v !== '' && !isWordChar(before) && !isWordChar(after) && ipv6Valid(v)) {
      const nonEmpty = colonGroups(v);
      if (nonEmpty >= 3 || (nonEmpty >= 1 && hasDigit(v) && v.includes('::'))) {
        out.push({ type: 'ip_address', kind: 'v6', start: s, end: e, value: v });
      }
    }
    colon = text.indexOf(':', Math.max(e, colon + 1));
  }
}
