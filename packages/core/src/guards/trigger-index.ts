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

/**
 * Characters of running text, most frequent first (space and English letters by frequency,
 * then common punctuation): the trigger characters among them get the first classes, so the
 * transitions a scan takes most often sit in the first cache line of each table row.
 */
const FREQUENT_FIRST = " etaoinsrhldcumfpgwybv,.k'-xjqz";

/**
 * Row width of the transition table, as a power of two (rows are found by a shift, not a
 * multiply, on the scan's critical path): the classes of every ASCII trigger character,
 * "any other character" and the first non-ASCII trigger characters. Classes past it (the
 * rest of the non-ASCII trigger characters) have their transitions in a second table.
 */
const ROW_SHIFT = 6;
const ROW = 1 << ROW_SHIFT;

/** States down to this depth are numbered breadth-first, deeper ones depth-first (see the constructor). */
const SHALLOW_DEPTH = 2;

/** Matches many lower-case trigger strings at once and reports which groups occur. */
export class TriggerIndex {
  readonly #groups: number;
  /**
   * Transitions, `states × ROW` (classes below {@link ROW}): the next state, or
   * `-(state + 1)` when it reports groups.
   */
  readonly #delta: Int16Array | Int32Array;
  /** Transitions on the classes from {@link ROW} on, `states × #wideClasses`, encoded the same way. */
  readonly #wide: Int16Array | Int32Array;
  readonly #wideClasses: number;
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
    // Classes: space, the frequent characters, "any other character", the other ASCII trigger
    // characters, then the non-ASCII ones (whitespace in a trigger is a space, as in the scan).
    const unit = (t: string, i: number): number => (isSpace(t.charCodeAt(i)) ? 32 : t.charCodeAt(i));
    const used = new Set<number>();
    for (const triggers of groups) for (const t of triggers) for (let i = 0; i < t.length; i++) used.add(unit(t, i));
    const classOfCode = new Map<number, number>([[32, 0]]);
    for (let i = 0; i < FREQUENT_FIRST.length; i++) {
      const c = FREQUENT_FIRST.charCodeAt(i);
      if (used.has(c) && !classOfCode.has(c)) classOfCode.set(c, classOfCode.size);
    }
    const unknown = classOfCode.size;
    let next = unknown + 1;
    for (const c of used) if (c < 128 && !classOfCode.has(c)) classOfCode.set(c, next++);
    for (const c of used) if (!classOfCode.has(c)) classOfCode.set(c, next++);
    const alphabet = next;
    this.#spaceClass = 0;
    // Build the trie.
    const trie: Array<Map<number, number>> = [new Map()];
    const trieOwn: Array<number[]> = [[]];
    groups.forEach((triggers, g) => {
      for (const t of triggers) {
        let node = 0;
        for (let i = 0; i < t.length; i++) {
          const cls = classOfCode.get(unit(t, i))!;
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
    const n = trie.length;
    // Number the states: breadth-first down to SHALLOW_DEPTH (the states where the scan spends
    // most characters get neighbouring rows), then each deeper subtree depth-first, so walking
    // along a trigger reads consecutive rows (neighbouring cache lines).
    const order = [0];
    const id = new Int32Array(n);
    const depth = [0];
    for (let qi = 0; qi < order.length; qi++) {
      if (depth[qi]! >= SHALLOW_DEPTH) continue;
      for (const child of trie[order[qi]!]!.values()) {
        id[child] = order.length;
        order.push(child);
        depth.push(depth[qi]! + 1);
      }
    }
    const shallow = order.length;
    for (let qi = 0; qi < shallow; qi++) {
      if (depth[qi]! < SHALLOW_DEPTH) continue;
      const stack = [...trie[order[qi]!]!.values()].reverse();
      while (stack.length > 0) {
        const node = stack.pop()!;
        id[node] = order.length;
        order.push(node);
        for (const child of [...trie[node]!.values()].reverse()) stack.push(child);
      }
    }
    const children = order.map((old) => new Map([...trie[old]!].map(([cls, child]) => [cls, id[child]!])));
    const own = order.map((old) => trieOwn[old]!);
    const delta = new Int32Array(n * alphabet);
    const fail = new Int32Array(n);
    const out: Array<number[] | undefined> = new Array(n);
    // Breadth-first: fill the DFA transitions and merge outputs along failure links.
    const queue: number[] = [];
    for (let a = 0; a < alphabet; a++) {
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
      for (let a = 0; a < alphabet; a++) {
        const child = children[node]!.get(a);
        if (child !== undefined) {
          fail[child] = delta[fail[node]! * alphabet + a]!;
          delta[node * alphabet + a] = child;
          queue.push(child);
        } else {
          delta[node * alphabet + a] = delta[fail[node]! * alphabet + a]!;
        }
      }
    }
    // Store each target as -(state + 1) when it reports groups (one sign test per char), in 16
    // bits when the states fit: half the memory, so more of the rows a scan visits stay cached.
    const small = n <= 0x7fff;
    const wideClasses = Math.max(0, alphabet - ROW);
    const packed = small ? new Int16Array(n * ROW) : new Int32Array(n * ROW);
    const wide = small ? new Int16Array(n * wideClasses) : new Int32Array(n * wideClasses);
    for (let s = 0; s < n; s++) {
      for (let a = 0; a < alphabet; a++) {
        const target = delta[s * alphabet + a]!;
        const code = out[target] === undefined ? target : -target - 1;
        if (a < ROW) packed[s * ROW + a] = code;
        else wide[s * wideClasses + a - ROW] = code;
      }
    }
    this.#delta = packed;
    this.#wide = wide;
    this.#wideClasses = wideClasses;
    this.#outStart = new Int32Array(n + 1);
    const flat: number[] = [];
    for (let k = 0; k < n; k++) {
      this.#outStart[k] = flat.length;
      for (const g of out[k] ?? []) flat.push(g);
    }
    this.#outStart[n] = flat.length;
    this.#outGroups = Int32Array.from(flat);
    const classes = new Int16Array(65536).fill(unknown);
    for (const [c, k] of classOfCode) if (c < 65536) classes[c] = k;
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
    const wide = this.#wide;
    const wideClasses = this.#wideClasses;
    const classes = this.#classes;
    const outStart = this.#outStart;
    const outGroups = this.#outGroups;
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
      state = cls < ROW ? delta[(state << ROW_SHIFT) + cls]! : wide[state * wideClasses + cls - ROW]!;
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
