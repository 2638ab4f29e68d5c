/**
 * Reads how long a server asked us to wait: `retry-after-ms`, then `Retry-After` as
 * seconds or as an HTTP date.
 * @module
 */

/** Header access that works for `Headers` and plain records. */
export type HeaderSource =
  | {
      /** Reads one header (case-insensitive), `null` when absent. */
      get(name: string): string | null;
    }
  | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Milliseconds the server asked to wait before retrying, or `undefined` when it did not say
 * (or said something unreadable). Negative waits (dates in the past) become 0.
 */
export function parseRetryAfter(headers: HeaderSource | undefined, now: number = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const after = header(headers, 'retry-after')?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Math.round(Number(after) * 1000);
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
