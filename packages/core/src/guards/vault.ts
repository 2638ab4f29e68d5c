import * as crypto from 'node:crypto';
import { GuardError } from './errors.js';
import type { PiiType } from './types.js';

/** Node's own name for `binary` (Node accepts it; the typings list only `binary`). */
const LATIN1 = 'latin1' as crypto.BinaryToTextEncoding;

/**
 * sha256 of a string as a 32-character binary string (one char per digest byte: no base64
 * step, and a shorter map key): the one-shot `crypto.hash` (Node ≥ 20.12, about 2.5× faster
 * than building a Hash object) with `createHash` as the fallback. The encoding is named
 * `latin1` (what `binary` stands for): Node checks that name first (0.85× per hash).
 */
const sha256Key: (s: string) => string =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, LATIN1) : (s) => crypto.createHash('sha256').update(s, 'utf8').digest(LATIN1);

const PLACEHOLDER_RE = /\[([A-Z][A-Z_]*?)_(\d+)\]/g;

/** The placeholder prefix of a type: `email` → `EMAIL`, `credit_card` → `CREDIT_CARD`. */
export function placeholderPrefix(type: PiiType): string {
  return type.toUpperCase();
}

/**
 * Maps placeholders such as `[EMAIL_1]` back to the values they replaced. One vault is
 * meant to live as long as a conversation thread: the same value always gets the same
 * placeholder, and numbering continues across turns.
 *
 * The values are held privately: `JSON.stringify(vault)` and `console.log(vault)` show only
 * the number of entries, so a vault that ends up in a log or event does not leak them.
 * A vault created with `{ reversible: false }` keeps no values at all: it remembers only a
 * sha256 of each value (so the same value still gets the same placeholder) and cannot restore.
 */
export class PiiVault {
  readonly #byPlaceholder = new Map<string, string>();
  readonly #byValue = new Map<string, string>();
  readonly #counters = new Map<string, number>();
  readonly #reversible: boolean;

  /**
   * @param options `reversible: false` keeps only hashes of values (default `true`)
   */
  constructor(options: { reversible?: boolean } = {}) {
    this.#reversible = options.reversible !== false;
  }

  /** False when the vault keeps only hashes and cannot restore values. */
  get reversible(): boolean {
    return this.#reversible;
  }

  /** Number of minted placeholders. */
  get size(): number {
    return this.#byValue.size;
  }

  /**
   * The placeholder for `value` of `type`, minted on first sight (`[EMAIL_1]`, `[EMAIL_2]`, …).
   * @param type PII type
   * @param value raw value
   */
  placeholderFor(type: PiiType, value: string): string {
    const raw = type + '\u0000' + value;
    const key = this.#reversible ? raw : sha256Key(raw);
    const known = this.#byValue.get(key);
    if (known !== undefined) return known;
    const prefix = placeholderPrefix(type);
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    const placeholder = `[${prefix}_${n}]`;
    this.#byValue.set(key, placeholder);
    if (this.#reversible) this.#byPlaceholder.set(placeholder, value);
    return placeholder;
  }

  /** True when `placeholder` (e.g. `[EMAIL_1]`) is known to this vault. */
  has(placeholder: string): boolean {
    return this.#byPlaceholder.has(placeholder);
  }

  /**
   * The value behind `placeholder`.
   * @throws GuardError `GUARD_UNKNOWN_PLACEHOLDER` when the vault never minted it (or keeps no values)
   */
  reveal(placeholder: string): string {
    const v = this.#byPlaceholder.get(placeholder);
    if (v === undefined) {
      throw new GuardError(
        'GUARD_UNKNOWN_PLACEHOLDER',
        this.#reversible
          ? `Unknown PII placeholder ${placeholder.slice(0, 40)}: it was not minted by this vault. Use the vault of the same thread that redacted the text.`
          : `This PII vault keeps no values (reversible: false), so ${placeholder.slice(0, 40)} cannot be revealed. Enable pii.reversible to restore values.`,
      );
    }
    return v;
  }

  /**
   * Replace every known placeholder in `text` by its original value. Unknown
   * placeholders are left as they are.
   * @param text text containing placeholders
   */
  restore(text: string): string {
    if (!text.includes('[')) return text;
    return text.replace(PLACEHOLDER_RE, (ph) => this.#byPlaceholder.get(ph) ?? ph);
  }

  /**
   * Restore placeholders in every string inside a JSON-like value (e.g. tool-call
   * arguments), returning a new value. Non-string leaves are kept.
   * @param value any JSON-like value
   */
  restoreDeep<T>(value: T): T {
    if (typeof value === 'string') return this.restore(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.restoreDeep(v)) as T;
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.restoreDeep(v);
      return out as T;
    }
    return value;
  }

  /** Placeholders only (never values), for debugging. */
  placeholders(): string[] {
    return [...this.#byValue.values()];
  }

  /** Serializes to `{ size }` only: values never leave through JSON. */
  toJSON(): {
    /** Number of minted placeholders (same as `vault.size`). */
    size: number;
  } {
    return { size: this.size };
  }

  /** Node's inspector shows `PiiVault { size }` only. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `PiiVault { size: ${this.size} }`;
  }
}
