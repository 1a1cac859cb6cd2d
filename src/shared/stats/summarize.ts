import type { MetricSpec, MetricValue } from '../records/metric.ts';
import { bootstrapMeanInterval, DEFAULT_RESAMPLES } from './bootstrap.ts';
import { DEFAULT_CONFIDENCE } from './interval.ts';
import { DEFAULT_SEED } from './random.ts';
import { summarizeRatio } from './ratio.ts';
import { wilsonInterval } from './wilson.ts';

/**
 * Aggregate per-case scores into a MetricValue: the mean of the non-null scores with a 95% interval
 * (Wilson for `proportion`, seeded percentile bootstrap for `mean`). Null value and interval when no case was scored.
 * A `ratio` metric pools each case's share over its units (`perCaseUnits`, same order; a missing count is one unit).
 * @example summarizeMetric({ name: 'strict', kind: 'proportion', description: '', range: [0, 1] }, [1, 0, null, 1])
 */
export function summarizeMetric(
  spec: Pick<MetricSpec, 'name' | 'kind'>,
  perCaseScores: ReadonlyArray<number | null | undefined>,
  perCaseUnits: ReadonlyArray<number | null | undefined> = [],
): MetricValue {
  const scored: number[] = [];
  const units: number[] = [];
  perCaseScores.forEach((score, index) => {
    if (score === null || score === undefined) return;
    if (!Number.isFinite(score)) {
      throw new RangeError(`metric \`${spec.name}\`: per-case scores must be finite numbers or null, received ${score}`);
    }
    scored.push(score);
    units.push(perCaseUnits[index] ?? 1);
  });
  if (spec.kind === 'ratio') {
    const pooled = summarizeRatio(
      scored.map((score, i) => ({ score, units: units[i]! })),
      { resamples: DEFAULT_RESAMPLES, confidence: DEFAULT_CONFIDENCE, seed: DEFAULT_SEED },
    );
    return { kind: 'ratio', value: pooled.value, n: scored.length, ci: pooled.ci, units: { passed: pooled.passed, total: pooled.units } };
  }
  const n = scored.length;
  if (n === 0) return { kind: spec.kind, value: null, n: 0, ci: null };
  let sum = 0;
  for (const score of scored) sum += score;
  const value = sum / n;
  const ci =
    spec.kind === 'proportion'
      ? wilsonInterval(Math.min(Math.max(sum, 0), n), n, DEFAULT_CONFIDENCE)
      : bootstrapMeanInterval(scored, { resamples: DEFAULT_RESAMPLES, confidence: DEFAULT_CONFIDENCE, seed: DEFAULT_SEED });
  return { kind: spec.kind, value, n, ci };
}
