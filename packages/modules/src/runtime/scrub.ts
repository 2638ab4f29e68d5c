/**
 * Host-side scrubbing of secret values (in every encoding the host produces) out of text and
 * JSON, as a second line of defence behind the sandbox's own scrubbing. One implementation:
 * the shared scrubber of `@graft/providers/scrub`.
 */
import { createScrubber } from '@graft/providers/scrub';

export { scrubJson } from '@graft/providers/scrub';

/** Returns a function replacing every known form of each secret in a string by `[REDACTED]`. */
export function textScrubber(secrets: Record<string, string> | string[]): (text: string) => string {
  const scrubber = createScrubber(secrets);
  return (text) => scrubber.scrub(text);
}
