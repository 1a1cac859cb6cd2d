import { assertConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval.ts';
import { DEFAULT_SEED } from './random.ts';

/** Bootstrap resamples drawn when none are given. */
export const DEFAULT_RESAMPLES = 2000;

/** Options of the bootstrap functions. */
export interface BootstrapOptions {
  /** Number of resamples. @default 2000 */
  resamples?: number;
  /** Confidence level of the interval. @default 0.95 */
  confidence?: number;
  /** PRNG seed: the same seed and input give the same interval. @default DEFAULT_SEED */
  seed?: number;
}

/** Result of a paired comparison: `diff` is mean(b - a). */
export interface PairedDiff {
  /** Number of pairs. */
  n: number;
  /** Mean paired difference b - a; null when there are no pairs. */
  diff: number | null;
  /** Percentile bootstrap interval of `diff`; null when there are no pairs. */
  ci: Interval | null;
  /** Two-sided bootstrap p-value for "diff = 0" (interval inversion); null when there are no pairs. */
  p: number | null;
}

/**
 * Percentile bootstrap interval of the mean, deterministic for a given seed. Null for an empty input.
 * @example bootstrapMeanInterval([1, 2, 3, 4], { seed: 1 })
 */
export function bootstrapMeanInterval(values: ArrayLike<number>, options: BootstrapOptions = {}): Interval | null {
  const means = resampleMeans(values, options);
  if (means === null) return null;
  return percentileInterval(means, options.confidence ?? DEFAULT_CONFIDENCE);
}

/**
 * Paired bootstrap of the mean difference b - a (a = baseline, b = candidate), pairs matched by index.
 * The p-value is 2 * min(share of resampled means <= 0, share >= 0), with +1 smoothing, capped at 1,
 * so p < alpha agrees with the (1 - alpha) interval excluding 0.
 */
export function pairedBootstrapDiff(a: ArrayLike<number>, b: ArrayLike<number>, options: BootstrapOptions = {}): PairedDiff {
  if (a.length !== b.length) {
    throw new RangeError(`paired samples must have equal length, received ${a.length} and ${b.length}`);
  }
  const n = a.length;
  if (n === 0) return { n, diff: null, ci: null, p: null };
  const differences = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (b[i] as number) - (a[i] as number);
    differences[i] = d;
    sum += d;
  }
  const means = resampleMeans(differences, options) as Float64Array;
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (const mean of means) {
    if (mean <= 0) atOrBelow++;
    if (mean >= 0) atOrAbove++;
  }
  const p = Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (means.length + 1));
  return { n, diff: sum / n, ci: percentileInterval(means, options.confidence ?? DEFAULT_CONFIDENCE), p };
}

// Draw the sorted resample means; null for an empty input.
function resampleMeans(values: ArrayLike<number>, options: BootstrapOptions): Float64Array | null {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`\`resamples\` must be a positive integer, received ${resamples}`);
  }
  assertConfidence(options.confidence ?? DEFAULT_CONFIDENCE);
  const n = values.length;
  if (n === 0) return null;
  const data = Float64Array.from(values);
  for (const value of data) {
    if (!Number.isFinite(value)) throw new RangeError(`bootstrap values must be finite numbers, received ${value}`);
  }
  const means = new Float64Array(resamples);
  const first = data[0] as number;
  if (data.every((value) => value === first)) return means.fill(first);
  // mulberry32 inlined (same sequence as createRandom): the call overhead dominates this hot loop.
  let state = (options.seed ?? DEFAULT_SEED) >>> 0;
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      sum += data[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)] as number;
    }
    means[r] = sum / n;
  }
  return means.sort();
}

// Linear-interpolation (type 7) quantiles of sorted values at (1 - confidence) / 2 and its mirror.
function percentileInterval(sorted: Float64Array, confidence: number): Interval {
  const tail = (1 - confidence) / 2;
  return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const low = sorted[lower] as number;
  return low + ((sorted[upper] as number) - low) * (position - lower);
}
