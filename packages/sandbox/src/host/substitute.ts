/**
 * Secret placeholder substitution in request parts that passed the fetch policy: plain text
 * (URL path/query URL-encoded, header values and body verbatim), and inside HTTP Basic
 * credentials the guest base64-encoded itself (`'Basic ' + btoa(user + ':' + ctx.secret('K'))`).
 */

/** A `Basic <token68>` credential inside a header value. */
const BASIC_CREDENTIAL = /\b(Basic)([ \t]+)([A-Za-z0-9+/]+={0,2})(?![A-Za-z0-9+/=])/gi;

/** The result of a substitution: the text, and whether any placeholder was replaced. */
export interface Substituted {
  text: string;
  used: boolean;
}

/** Replaces every placeholder in `text` by its value (URL-encoded when `encode`). */
export function substitute(text: string, placeholders: ReadonlyMap<string, string>, encode: boolean): Substituted {
  let used = false;
  let out = text;
  for (const [placeholder, value] of placeholders) {
    if (out.includes(placeholder)) {
      used = true;
      out = out.split(placeholder).join(encode ? encodeURIComponent(value) : value);
    }
  }
  return { text: out, used };
}

/**
 * The base64 token decoded to text, or `undefined` unless it is canonical base64 of valid UTF-8
 * (so re-encoding the decoded text reproduces the token exactly when nothing is substituted).
 */
function decodeToken(token: string): string | undefined {
  const bytes = Buffer.from(token, 'base64');
  if (bytes.toString('base64') !== token) return undefined;
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

/**
 * Substitutes placeholders in a header value: in plain text, then inside each `Basic <base64>`
 * credential (decoded, substituted, re-encoded). Only called for requests that passed the policy.
 */
export function substituteHeaderValue(value: string, placeholders: ReadonlyMap<string, string>): Substituted {
  const plain = substitute(value, placeholders, false);
  if (placeholders.size === 0 || !/basic/i.test(plain.text)) return plain;
  let used = plain.used;
  const text = plain.text.replace(BASIC_CREDENTIAL, (match: string, scheme: string, space: string, token: string) => {
    const decoded = decodeToken(token);
    if (decoded === undefined) return match;
    const inner = substitute(decoded, placeholders, false);
    if (!inner.used) return match;
    used = true;
    return `${scheme}${space}${Buffer.from(inner.text, 'utf8').toString('base64')}`;
  });
  return { text, used };
}
