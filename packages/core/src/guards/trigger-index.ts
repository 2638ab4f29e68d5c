/**
 * A multi-pattern substring matcher (Aho–Corasick compiled to a DFA) used as the injection
 * rules' prefilter: one linear pass over the text tells which rules have a trigger in it,
 * instead of one `includes` scan per trigger. Runs of whitespace (newlines included) count
 * as one space, so `you  are\tnow` matches the trigger `you are now`.
 * @module
 */

/** Result of {@link TriggerIndex.scan}. */
export interface TriggerScan {
  /** `hits[i] === 1` when a trigger of group `i` occurs. */
  hits: Uint8Array;
  /**
   * For each group that occurs, where a match around its triggers may start, as flat
   * `[from, to]` pairs (inclusive, sorted, disjoint): every occurrence ending at `e` adds
   * `[max(0, e - lookback), e]`, and overlapping or touching ranges are merged.
   */
  windows: Array<number[] | undefined>;
}

/** No whitespace folded (yet). */
const NONE_FOLDED: readonly number[] = [];

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 160 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;

/** Matches many lower-case trigger strings at once and reports which groups occur. */
export class TriggerIndex {
  readonly #groups: number;
  readonly #ascii = new Int16Array(128).fill(-1);
  readonly #other = new Map<number, number>();
  readonly #alphabet: number;
  /** Transitions, `n × alphabet`: the next state, or `-(state + 1)` when it reports groups. */
  readonly #delta: Int16Array | Int32Array;
  /** Groups reported by state `s`: `#outGroups[#outStart[s] .. #outStart[s + 1])`. */
  readonly #outStart: Int32Array;
  readonly #outGroups: Int32Array;
  readonly #spaceClass: number;
  /** Character class of every UTF-16 code unit; negative for whitespace kinds. */
  readonly #classes: Int16Array;

  /**
   * @param groups trigger strings per group (lower-case); group `i` is reported as `hits[i]`
   */
  constructor(groups: ReadonlyArray<readonly string[]>) {
    this.#groups = groups.length;
    let next = 0;
    const classOf = (c: number): number => {
      if (c < 128) {
        if (this.#ascii[c] === -1) this.#ascii[c] = next++;
        return this.#ascii[c]!;
      }
      let k = this.#other.get(c);
      if (k === undefined) {
        k = next++;
        this.#other.set(c, k);
      }
      return k;
    };
    this.#spaceClass = classOf(32);
    // Build the trie.
    const trie: Array<Map<number, number>> = [new Map()];
    const trieOwn: Array<number[]> = [[]];
    groups.forEach((triggers, g) => {
      for (const t of triggers) {
        let node = 0;
        for (let i = 0; i < t.length; i++) {
          const code = t.charCodeAt(i);
          const cls = isSpace(code) ? this.#spaceClass : classOf(code);
          let child = trie[node]!.get(cls);
          if (child === undefined) {
            child = trie.length;
            trie.push(new Map());
            trieOwn.push([]);
            trie[node]!.set(cls, child);
          }
          node = child;
        }
        if (!trieOwn[node]!.includes(g)) trieOwn[node]!.push(g);
      }
    });
    this.#alphabet = next + 1; // last class: any character no trigger uses
    const n = trie.length;
    // Number the states breadth-first: the shallow ones, where the scan spends most characters,
    // get neighbouring rows of the transition table.
    const order = [0];
    const id = new Int32Array(n);
    for (let qi = 0; qi < order.length; qi++) {
      for (const child of trie[order[qi]!]!.values()) {
        id[child] = order.length;
        order.push(child);
      }
    }
    const children = order.map((old) => new Map([...trie[old]!].map(([cls, child]) => [cls, id[child]!])));
    const own = order.map((old) => trieOwn[old]!);
    const delta = new Int32Array(n * this.#alphabet);
    const fail = new Int32Array(n);
    const out: Array<number[] | undefined> = new Array(n);
    // Breadth-first: fill the DFA transitions and merge outputs along failure links.
    const queue: number[] = [];
    for (let a = 0; a < this.#alphabet; a++) {
      const child = children[0]!.get(a);
      delta[a] = child ?? 0;
      if (child !== undefined) {
        fail[child] = 0;
        queue.push(child);
      }
    }
    out[0] = undefined;
    for (let qi = 0; qi < queue.length; qi++) {
      const node = queue[qi]!;
      const merged = [...own[node]!, ...(out[fail[node]!] ?? [])];
      out[node] = merged.length > 0 ? [...new Set(merged)] : undefined;
      for (let a = 0; a < this.#alphabet; a++) {
        const child = children[node]!.get(a);
        if (child !== undefined) {
          fail[child] = delta[fail[node]! * this.#alphabet + a]!;
          delta[node * this.#alphabet + a] = child;
          queue.push(child);
        } else {
          delta[node * this.#alphabet + a] = delta[fail[node]! * this.#alphabet + a]!;
        }
      }
    }
    // Store each target as -(state + 1) when it reports groups (one sign test per char), in 16
    // bits when the states fit: half the memory, so more of the rows a scan visits stay cached.
    const packed = n <= 0x7fff ? new Int16Array(delta.length) : delta;
    for (let k = 0; k < delta.length; k++) {
      const target = delta[k]!;
      packed[k] = out[target] === undefined ? target : -target - 1;
    }
    this.#delta = packed;
    this.#outStart = new Int32Array(n + 1);
    const flat: number[] = [];
    for (let k = 0; k < n; k++) {
      this.#outStart[k] = flat.length;
      for (const g of out[k] ?? []) flat.push(g);
    }
    this.#outStart[n] = flat.length;
    this.#outGroups = Int32Array.from(flat);
    const unknown = this.#alphabet - 1;
    const classes = new Int16Array(65536).fill(unknown);
    for (let c = 0; c < 128; c++) if (this.#ascii[c]! >= 0) classes[c] = this.#ascii[c]!;
    for (const [c, k] of this.#other) if (c < 65536) classes[c] = k;
    for (let c = 0; c < 65536; c++) if (isSpace(c)) classes[c] = c === 32 ? -2 : -4;
    classes[10] = -3;
    this.#classes = classes;
  }

  /**
   * Scan lower-case `text` once, recording every trigger occurrence as a window of possible
   * match starts (see {@link TriggerScan.windows}).
   * @param text lower-cased text
   * @param lookback how far before the end of a trigger a match around it may start
   * @param reach per group, a narrower bound in units (a character, or a whole whitespace
   *   run as the scan folds it): a window then starts `reach[g]` units before the trigger's
   *   end, and never before `lookback` characters before it
   */
  scan(text: string, lookback: number, reach?: Int32Array): TriggerScan {
    const groups = this.#groups;
    const hits = new Uint8Array(groups);
    // A group's last pair is its open window: a later occurrence overlapping or touching it grows it.
    const windows: Array<number[] | undefined> = new Array(groups);
    const delta = this.#delta;
    const classes = this.#classes;
    const outStart = this.#outStart;
    const outGroups = this.#outGroups;
    const alphabet = this.#alphabet;
    const space = this.#spaceClass;
    const n = text.length;
    let state = 0;
    let prevSpace = false;
    // Whitespace characters folded into the run before them, in order (only read with `reach`).
    let folded: number[] | undefined;
    let lastFolded = -1;
    for (let i = 0; i < n; i++) {
      let cls = classes[text.charCodeAt(i)]!;
      if (cls < 0) {
        // whitespace (-2: space, -3: newline, -4: other): a run counts as one space
        if (prevSpace) {
          lastFolded = i;
          (folded ??= []).push(i);
          continue;
        }
        prevSpace = true;
        cls = space;
      } else {
        prevSpace = false;
      }
      state = delta[state * alphabet + cls]!;
      if (state < 0) {
        state = -state - 1;
        const end = i + 1;
        const wide = end > lookback ? end - lookback : 0;
        for (let k = outStart[state]!, last = outStart[state + 1]!; k < last; k++) {
          const g = outGroups[k]!;
          let from = wide;
          if (reach !== undefined) {
            const r = reach[g]!;
            from = end - r;
            if (lastFolded >= from) from = unitsBack(folded ?? NONE_FOLDED, end, r);
            if (from < wide) from = wide;
          }
          const w = windows[g];
          if (w === undefined) {
            hits[g] = 1;
            windows[g] = [from, end];
          } else if (from <= w[w.length - 1]! + 1) {
            w[w.length - 1] = end;
          } else {
            w.push(from, end);
          }
        }
      }
    }
    return { hits, windows };
  }
}

/**
 * Where the unit `units` back from `end` starts (a unit: a character, or a whitespace run as
 * the scan folds it): the highest `j` with `units` characters in `[j, end)` that are not
 * `folded` (the ascending positions of whitespace characters folded into the run before them),
 * or 0 when there are fewer.
 */
function unitsBack(folded: readonly number[], end: number, units: number): number {
  // every folded position is before `end` (the scan is past it)
  let k = folded.length - 1;
  let skipped = 0;
  let j = end - units;
  for (;;) {
    if (j <= 0) return 0;
    while (k >= 0 && folded[k]! >= j) {
      k--;
      skipped++;
    }
    const next = end - units - skipped;
    if (next === j) return j;
    j = next;
  }
}
