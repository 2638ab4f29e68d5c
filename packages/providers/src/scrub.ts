/**
 * Removes credentials from text before it reaches an error, log or event.
 * @module
 */

/** What replaces a secret in scrubbed text. */
export const REDACTED = '[REDACTED]';

/**
 * Replaces every occurrence of each secret (and of its URL-encoded form) with
 * `[REDACTED]`, and any `Bearer <token>` with `Bearer [REDACTED]`.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join(REDACTED);
    }
  }
  return out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${REDACTED}`);
}
