import { DEFAULT_RESAMPLES, type BootstrapOptions } from './bootstrap.ts';
import { assertConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval.ts';
import { createRandom, DEFAULT_SEED } from './random.ts';

/** One stratum of pass/fail cases: how many passed of how many scored. */
export interface ProportionStratum {
  successes: number;
  n: number;
}

/**
 * Percentile intervals of statistics computed from several independent proportions (e.g. BFCL's weighted and unweighted
 * means of per-category accuracies): each resample redraws every stratum's cases with replacement (a binomial draw at its
 * observed rate) and recomputes the statistics. Deterministic for a given seed; null for a statistic that is not finite.
 * @param statistics Maps one proportion per stratum (null when the stratum has no case) to the statistics.
 */
export function stratifiedBootstrapIntervals(
  strata: readonly ProportionStratum[],
  statistics: (proportions: (number | null)[]) => number[],
  options: BootstrapOptions = {},
): (Interval | null)[] {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  assertConfidence(confidence);
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const draws: number[][] = [];
  for (let r = 0; r < resamples; r++) {
    const proportions = strata.map(({ successes, n }) => {
      if (n === 0) return null;
      const rate = successes / n;
      let drawn = 0;
      for (let i = 0; i < n; i++) if (random() < rate) drawn++;
      return drawn / n;
    });
    draws.push(statistics(proportions));
  }
  const count = draws[0]?.length ?? statistics(strata.map(({ successes, n }) => (n === 0 ? null : successes / n))).length;
  const tail = (1 - confidence) / 2;
  return Array.from({ length: count }, (_, s) => {
    const values = Float64Array.from(draws.map((d) => d[s] ?? Number.NaN)).sort();
    if (values.length === 0 || !values.every(Number.isFinite)) return null;
    return [quantile(values, tail), quantile(values, 1 - tail)] as Interval;
  });
}

// Linear-interpolation (type 7) quantile of sorted values.
function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const low = sorted[lower] as number;
  return low + ((sorted[upper] as number) - low) * (position - lower);
}
