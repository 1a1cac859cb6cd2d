import { assertConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval.ts';
import { DEFAULT_SEED } from './random.ts';
import type { BootstrapOptions, PairedDiff } from './bootstrap.ts';
import { DEFAULT_RESAMPLES } from './bootstrap.ts';

// Ratio metrics: each case passes a share of its own units (IFEval: the instructions of a prompt), and the metric is
// pooled over all units. Units of one case are not independent (one response follows or breaks several at once),
// so intervals resample cases (clusters), never units: a Wilson interval on the flattened units would be too narrow.

/** A case of a ratio metric: the share of its units that passed, and how many units it has. */
export interface RatioCase {
  /** Share passed, in [0, 1]. */
  score: number;
  /** Units the share is taken of (a positive integer). */
  units: number;
}

/** A pooled ratio with its cluster-bootstrap interval. */
export interface PooledRatio {
  /** Units passed over units; null when no unit was scored. */
  value: number | null;
  /** Units passed (rounded: a case's share times its units is a whole number). */
  passed: number;
  /** Units scored. */
  units: number;
  /** 95% percentile interval from resampling cases; null when no unit was scored. */
  ci: Interval | null;
}

/**
 * Pool per-case shares into one ratio (sum of passed units / sum of units) with a seeded cluster bootstrap interval.
 * @example summarizeRatio([{ score: 1, units: 2 }, { score: 0.5, units: 2 }]).value // 0.75
 */
export function summarizeRatio(cases: readonly RatioCase[], options: BootstrapOptions = {}): PooledRatio {
  const { passed, units } = splitCases(cases);
  const total = sumOf(units);
  if (total === 0) return { value: null, passed: 0, units: 0, ci: null };
  const hits = sumOf(passed);
  const ratios = resampleRatios([passed], units, options);
  return { value: hits / total, passed: Math.round(hits), units: total, ci: percentileInterval(ratios[0]!, options) };
}

/**
 * Paired cluster bootstrap of a pooled ratio's change b - a over the same cases (a = baseline), each case weighted by
 * its units in the current run (`b`). The p-value is the same interval inversion as `pairedBootstrapDiff`'s.
 */
export function pairedRatioDiff(a: readonly RatioCase[], b: readonly RatioCase[], options: BootstrapOptions = {}): PairedDiff {
  if (a.length !== b.length) throw new RangeError(`paired samples must have equal length, received ${a.length} and ${b.length}`);
  const n = a.length;
  splitCases(a);
  const after = splitCases(b);
  // The baseline's passed units are rescaled to the current case's units, so both ratios share one denominator.
  const beforePassed = a.map((c, i) => c.score * after.units[i]!);
  const total = sumOf(after.units);
  if (n === 0 || total === 0) return { n, diff: null, ci: null, p: null };
  const differences = Float64Array.from(after.passed, (value, i) => value - beforePassed[i]!);
  const [diffs] = resampleRatios([differences], after.units, options);
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (const diff of diffs!) {
    if (diff <= 0) atOrBelow++;
    if (diff >= 0) atOrAbove++;
  }
  const p = Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (diffs!.length + 1));
  return { n, diff: sumOf(differences) / total, ci: percentileInterval(diffs!, options), p };
}

function splitCases(cases: readonly RatioCase[]): { passed: Float64Array; units: Float64Array } {
  const passed = new Float64Array(cases.length);
  const units = new Float64Array(cases.length);
  cases.forEach((c, i) => {
    if (!(Number.isFinite(c.score) && c.score >= 0 && c.score <= 1)) {
      throw new RangeError(`a ratio case's score must be a share in [0, 1], received ${c.score}`);
    }
    if (!(Number.isInteger(c.units) && c.units > 0))
      throw new RangeError(`a ratio case's units must be a positive integer, received ${c.units}`);
    passed[i] = c.score * c.units;
    units[i] = c.units;
  });
  return { passed, units };
}

// Resample cases with replacement; for each numerator series, the sorted ratios sum(numerator) / sum(units).
function resampleRatios(numerators: readonly Float64Array[], units: Float64Array, options: BootstrapOptions): Float64Array[] {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new RangeError(`\`resamples\` must be a positive integer, received ${resamples}`);
  assertConfidence(options.confidence ?? DEFAULT_CONFIDENCE);
  const n = units.length;
  const out = numerators.map(() => new Float64Array(resamples));
  // mulberry32, the same sequence as createRandom (inlined: this loop is hot).
  let state = (options.seed ?? DEFAULT_SEED) >>> 0;
  const sums = new Float64Array(numerators.length);
  for (let r = 0; r < resamples; r++) {
    sums.fill(0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const pick = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
      total += units[pick]!;
      for (let k = 0; k < numerators.length; k++) sums[k]! += numerators[k]![pick]!;
    }
    for (let k = 0; k < numerators.length; k++) out[k]![r] = sums[k]! / total;
  }
  return out.map((values) => values.sort());
}

// Type-7 quantiles of sorted values at the two tails of the confidence level.
function percentileInterval(sorted: Float64Array, options: BootstrapOptions): Interval {
  const tail = (1 - (options.confidence ?? DEFAULT_CONFIDENCE)) / 2;
  return [quantile(sorted, tail), quantile(sorted, 1 - tail)];
}

function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

function sumOf(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
