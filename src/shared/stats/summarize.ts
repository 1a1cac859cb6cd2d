import type { MetricSpec, MetricValue } from '../records/metric.ts';
import { bootstrapMeanInterval, DEFAULT_RESAMPLES } from './bootstrap.ts';
import { DEFAULT_CONFIDENCE } from './interval.ts';
import { DEFAULT_SEED } from './random.ts';
import { wilsonInterval } from './wilson.ts';

/**
 * Aggregate per-case scores into a MetricValue: the mean of the non-null scores with a 95% interval
 * (Wilson for `proportion`, seeded percentile bootstrap for `mean`). Null value and interval when no case was scored.
 * @example summarizeMetric({ name: 'strict', kind: 'proportion', description: '', range: [0, 1] }, [1, 0, null, 1])
 */
export function summarizeMetric(
  spec: Pick<MetricSpec, 'name' | 'kind'>,
  perCaseScores: ReadonlyArray<number | null | undefined>,
): MetricValue {
  const scored: number[] = [];
  for (const score of perCaseScores) {
    if (score === null || score === undefined) continue;
    if (!Number.isFinite(score)) {
      throw new RangeError(`metric \`${spec.name}\`: per-case scores must be finite numbers or null, received ${score}`);
    }
    scored.push(score);
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
