/**
 * How far before the end of one of its triggers a rule's match can start, worked out from the
 * pattern's structure. The trigger scan then opens, per rule, a window of that width instead
 * of the shared {@link RULE_LOOKBACK_CHARS} (`override.ignore-above` starts at most 9
 * characters before the end of `disregard`: 10 starts to try, not 161).
 *
 * The bound is sound, never a guess: the pattern is parsed, and for each part the analysis
 * keeps its longest match, its (small, finite) language when it has one, and an upper bound
 * on where the first trigger inside any text it matches ends. Anything the analysis cannot
 * follow (unbounded repeats before the trigger, large classes, backreferences, lookarounds)
 * only makes the bound larger; a rule with no bound under the shared lookback keeps it.
 * Texts are lower-cased before the rules run, so literals are compared lower-cased; a
 * character the analysis does not pin down (`\s`, `.`, `\w`, a large class) is a wildcard
 * no trigger character equals, so no trigger is ever claimed through it.
 * @module
 */
import { guardDefaults } from '@graft/core';

const RULE_LOOKBACK_CHARS = guardDefaults.RULE_LOOKBACK_CHARS;

/** Most strings a part's language may hold before the analysis drops it (a larger language bounds more rules: 64 left `indirect.greets-ai` unbounded; the analysis runs in tests only). */
const MAX_LANGUAGE = 4096;
/** Stands for one character the analysis does not pin down; equals no trigger character. */
const WILD = '\u0000';
/** Characters both `\s` and the trigger scan count as whitespace (the scan folds a run of them into one space). */
const SPACE_CHARS = ' \t\n\v\f\r';

interface Part {
  /** Longest text the part matches (`Infinity` when unbounded). */
  max: number;
  /** Every text it matches, when few and known (wildcards as {@link WILD}). */
  lang: string[] | undefined;
  /** Upper bound on the end of the first trigger in any text it matches, from its start. */
  reach: number;
}

const EMPTY: Part = { max: 0, lang: [''], reach: Infinity };
const UNKNOWN: Part = { max: Infinity, lang: undefined, reach: Infinity };

/** Where the first trigger in `s` ends, or `Infinity`. */
function firstTriggerEnd(s: string, triggers: readonly string[]): number {
  let best = Infinity;
  for (const t of triggers) {
    const i = s.indexOf(t);
    if (i !== -1 && i + t.length < best) best = i + t.length;
  }
  return best;
}

function langReach(lang: readonly string[] | undefined, triggers: readonly string[]): number {
  if (lang === undefined) return Infinity;
  let worst = 0;
  for (const s of lang) worst = Math.max(worst, firstTriggerEnd(s, triggers));
  return worst;
}

function product(a: readonly string[], b: readonly string[]): string[] | undefined {
  if (a.length * b.length > MAX_LANGUAGE) return undefined;
  const out = new Set<string>();
  // A whitespace run is one unit, as the trigger scan sees it.
  for (const x of a) for (const y of b) out.add(x.endsWith(' ') && y.startsWith(' ') ? x + y.slice(1) : x + y);
  return [...out];
}

/** A small recursive-descent reader of a RegExp source, computing {@link Part}s. */
class Analyzer {
  #i = 0;
  constructor(
    readonly src: string,
    readonly triggers: readonly string[],
  ) {}

  run(): Part {
    const p = this.#alternation();
    return this.#i === this.src.length ? p : UNKNOWN;
  }

  #alternation(): Part {
    const branches = [this.#sequence()];
    while (this.src[this.#i] === '|') {
      this.#i++;
      branches.push(this.#sequence());
    }
    if (branches.length === 1) return branches[0]!;
    let max = 0;
    let reach = 0;
    let lang: string[] | undefined = [];
    for (const b of branches) {
      max = Math.max(max, b.max);
      reach = Math.max(reach, b.reach);
      lang = lang && b.lang && lang.length + b.lang.length <= MAX_LANGUAGE ? [...new Set([...lang, ...b.lang])] : undefined;
    }
    return { max, lang, reach: Math.min(reach, langReach(lang, this.triggers)) };
  }

  #sequence(): Part {
    let offset = 0; // longest text before the current part
    let reach = Infinity;
    let whole: string[] | undefined = ['']; // the language of the sequence so far
    let stretch: string[] = ['']; // the language since the last part without one
    let stretchAt = 0; // longest text before the stretch
    while (this.#i < this.src.length && this.src[this.#i] !== '|' && this.src[this.#i] !== ')') {
      const p = this.#quantified();
      reach = Math.min(reach, offset + p.reach);
      const joined = p.lang && product(stretch, p.lang);
      if (joined) stretch = joined;
      else if (p.lang) {
        stretch = p.lang;
        stretchAt = offset;
      } else {
        stretch = [''];
        stretchAt = offset + p.max;
      }
      reach = Math.min(reach, stretchAt + langReach(stretch, this.triggers));
      whole = whole && p.lang && product(whole, p.lang);
      offset += p.max;
    }
    return { max: offset, lang: whole, reach };
  }

  #quantified(): Part {
    const atom = this.#atom();
    const q = this.#quantifier();
    if (q === undefined) return atom;
    const [min, max] = q;
    // Repeated whitespace is one run: one unit however long (see the module comment).
    if (atom.lang?.length === 1 && atom.lang[0] === ' ') return { max: max >= 1 ? 1 : 0, lang: min >= 1 ? [' '] : ['', ' '], reach: Infinity };
    const maxLen = atom.max === 0 ? 0 : max * atom.max;
    let lang: string[] | undefined;
    if (atom.lang && Number.isFinite(max)) {
      lang = min === 0 ? [''] : [];
      let power: string[] | undefined = [''];
      for (let k = 1; k <= max && power; k++) {
        power = product(power, atom.lang);
        if (power && k >= min) lang = lang.length + power.length <= MAX_LANGUAGE ? [...new Set([...lang, ...power])] : undefined;
        if (lang === undefined) break;
      }
      if (power === undefined) lang = undefined;
    }
    // With at least one copy, every text starts with one the atom matches.
    const first = min >= 1 ? Math.min(atom.reach, langReach(atom.lang, this.triggers)) : Infinity;
    const reach = Math.min(first, langReach(lang, this.triggers));
    return { max: maxLen, lang, reach };
  }

  /** `[min, max]` of a quantifier at the cursor (lazy or not), or `undefined`. */
  #quantifier(): [number, number] | undefined {
    const c = this.src[this.#i];
    let q: [number, number] | undefined;
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.#i));
      if (!m) return undefined;
      q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])];
      this.#i += m[0].length - 1;
    }
    if (q === undefined) return undefined;
    this.#i++;
    if (this.src[this.#i] === '?') this.#i++;
    return q;
  }

  #char(c: string): Part {
    if (SPACE_CHARS.includes(c)) return { max: 1, lang: [' '], reach: Infinity };
    const lower = c.toLowerCase();
    return { max: 1, lang: [lower.length === 1 ? lower : WILD], reach: Infinity };
  }

  #atom(): Part {
    const src = this.src;
    const c = src[this.#i++]!;
    if (c === '(') {
      let look = false;
      if (src.startsWith('?:', this.#i)) this.#i += 2;
      else if (/^\?<?[=!]/.test(src.slice(this.#i, this.#i + 3))) {
        look = true;
        this.#i += src[this.#i + 1] === '<' ? 3 : 2;
      } else if (src.startsWith('?<', this.#i)) this.#i = src.indexOf('>', this.#i) + 1;
      const inner = this.#alternation();
      if (src[this.#i] !== ')') return UNKNOWN;
      this.#i++;
      return look ? EMPTY : inner;
    }
    if (c === '[') return this.#class();
    if (c === '.') return { max: 1, lang: [WILD], reach: Infinity };
    if (c === '^' || c === '$') return EMPTY;
    if (c !== '\\') return this.#char(c);
    const e = src[this.#i++]!;
    if (e === 'b' || e === 'B') return EMPTY;
    if (e === 's') return { max: 1, lang: [' '], reach: Infinity };
    if ('dDwWSpP'.includes(e)) {
      if ((e === 'p' || e === 'P') && src[this.#i] === '{') this.#i = src.indexOf('}', this.#i) + 1;
      return { max: 1, lang: [WILD], reach: Infinity };
    }
    if (/[1-9k]/.test(e)) return UNKNOWN; // backreference: length unknown
    return this.#char(this.#escaped(e));
  }

  /** The character an escape (after the backslash, `e` already read) stands for. */
  #escaped(e: string): string {
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', v: '\v', f: '\f', '0': '\0' };
    if (e in simple) return simple[e]!;
    const hex = e === 'x' ? /^[0-9a-fA-F]{2}/ : e === 'u' ? /^(?:\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/ : undefined;
    if (hex) {
      const m = hex.exec(this.src.slice(this.#i));
      if (m) {
        this.#i += m[0].length;
        return String.fromCodePoint(parseInt(m[0].replace(/[{}]/g, ''), 16));
      }
    }
    return e;
  }

  /** The index just past the `]` closing the class the cursor is in. */
  #classEnd(): number {
    let i = this.#i;
    while (i < this.src.length && this.src[i] !== ']') i += this.src[i] === '\\' ? 2 : 1;
    return i + 1;
  }

  /** A character class: its characters when few and listed, else a wildcard. */
  #class(): Part {
    const src = this.src;
    const negated = src[this.#i] === '^';
    if (negated) this.#i++;
    const chars = new Set<string>();
    let wild = negated;
    // `[^\S…]` matches whitespace only (a subset of `\s`): a run unit like `\s` itself.
    if (negated && src.startsWith('\\S', this.#i)) {
      this.#i = this.#classEnd();
      return { max: 1, lang: [' '], reach: Infinity };
    }
    while (this.#i < src.length && src[this.#i] !== ']') {
      let c = src[this.#i++]!;
      if (c === '\\') {
        const e = src[this.#i++]!;
        if (e === 's') {
          chars.add(' ');
          continue;
        }
        if ('dDwWSpPbB'.includes(e)) {
          if ((e === 'p' || e === 'P') && src[this.#i] === '{') this.#i = src.indexOf('}', this.#i) + 1;
          wild = true;
          continue;
        }
        c = this.#escaped(e);
      }
      if (src[this.#i] === '-' && src[this.#i + 1] !== ']' && this.#i + 1 < src.length) {
        this.#i++;
        let hi = src[this.#i++]!;
        if (hi === '\\') hi = this.#escaped(src[this.#i++]!);
        const from = c.codePointAt(0)!;
        const to = hi.codePointAt(0)!;
        if (to - from > 16) wild = true;
        else for (let k = from; k <= to; k++) chars.add(String.fromCodePoint(k));
        continue;
      }
      chars.add(c);
    }
    this.#i++; // ']'
    if (wild || chars.size > 16) return { max: 1, lang: [WILD], reach: Infinity };
    const lang = [...new Set([...chars].map((ch) => (SPACE_CHARS.includes(ch) ? ' ' : ch.toLowerCase().length === 1 ? ch.toLowerCase() : WILD)))];
    // A class of spaces and other characters: the run and the character are different units.
    if (lang.length > 1 && lang.includes(' ')) return { max: 1, lang: [WILD], reach: Infinity };
    return { max: 1, lang, reach: Infinity };
  }
}

/**
 * The most characters a match of `re` can start before the end of the first of `triggers`
 * it contains, capped at {@link RULE_LOOKBACK_CHARS} (the shared lookback every rule's
 * triggers promise; see `InjectionRule.triggers`).
 * @param re a rule's pattern
 * @param triggers its triggers (lower-case)
 * @internal
 */
export function ruleReach(re: RegExp, triggers: readonly string[]): number {
  if (re.flags.includes('v')) return RULE_LOOKBACK_CHARS;
  // Only triggers whose whitespace is single spaces: each stands for one whitespace run, as in
  // the languages here (a leading or trailing space ends or starts a run: the scan reports a
  // trigger ending in a space at the run's first character, one unit).
  const plain = triggers.filter((t) => !/ {2}|[^\S ]/.test(t));
  const reach = new Analyzer(re.source, plain).run().reach;
  return Math.min(RULE_LOOKBACK_CHARS, reach);
}
