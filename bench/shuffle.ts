/**
 * A seeded shuffle for the A/B benchmarks: each round runs its variants in a fresh random
 * order, so no variant always runs first, last, or right after the same other one (a cyclic
 * rotation always ran one variant in the cold caches and collector debt its predecessor left).
 * Seeded, so every run of a bench shuffles alike. Not a benchmark itself.
 */

/** Seed of {@link shuffled}'s generator. */
const SEED = 0x5eed;
let state = SEED;

/** The next number in [0, 1) from a seeded mulberry32 generator. */
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A copy of `xs` in a random order (Fisher–Yates). */
export function shuffled<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
