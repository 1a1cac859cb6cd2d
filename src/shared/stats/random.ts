// Seeded pseudo-random numbers, so every interval the harness reports is reproducible.

/** Seed used when a caller gives none. */
export const DEFAULT_SEED = 0x5eed_2026;

/**
 * mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1).
 * @example const rand = createRandom(42); rand(); // same sequence for the same seed
 */
export function createRandom(seed: number = DEFAULT_SEED): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
