import type { MetricSpec } from '../../shared/records/metric.ts';

// GSM8K's metrics, apart from the scorers so that the registry, loaded with every config, reads them without the
// number extraction.

/** GSM8K metric names. */
export type Gsm8kMetric = 'strict' | 'flexible';

/** The number in the last `\boxed{}` (primary). */
export const GSM8K_STRICT_METRIC: MetricSpec = {
  name: 'strict' satisfies Gsm8kMetric,
  kind: 'proportion',
  description: 'the number in the last \\boxed{} equals the gold number (no box = unparseable, scored 0)',
  range: [0, 1],
};

/** The last number anywhere. */
export const GSM8K_FLEXIBLE_METRIC: MetricSpec = {
  name: 'flexible' satisfies Gsm8kMetric,
  kind: 'proportion',
  description: 'the last number anywhere in the response equals the gold number',
  range: [0, 1],
};

/** GSM8K metrics, primary first. */
export const GSM8K_METRICS: MetricSpec[] = [GSM8K_STRICT_METRIC, GSM8K_FLEXIBLE_METRIC];
