/**
 * Scrubbing of provider error text: the API key in every encoding (the shared scrubber), and
 * any `Bearer` token a careless server echoes.
 * @module
 */
import { MIN_KEY_SCRUB_CHARS } from '../limits.js';
import { redactBearerTokens, scrubSecrets } from './scrubber.js';

/** Removes the API key(s) (keys shorter than `MIN_KEY_SCRUB_CHARS` are placeholders, kept) and `Bearer` tokens. */
export function scrubProviderText(text: string, secrets: readonly (string | undefined)[]): string {
  const keys = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_KEY_SCRUB_CHARS);
  return redactBearerTokens(keys.length ? scrubSecrets(text, keys) : text);
}
