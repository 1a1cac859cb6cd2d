import type { MetricSpec } from '../../shared/records/metric.ts';

// MT-Bench's metrics, apart from the scorer so that the registry, loaded with every config, reads them without it.

/** MT-Bench metric names. */
export type MtBenchMetric = 'score' | 'turn1' | 'turn2';

/** Primary MT-Bench metric. */
export const MT_BENCH_PRIMARY_METRIC: MtBenchMetric = 'score';

/** MT-Bench metrics: judge ratings on FastChat's 1-10 scale. */
export const MT_BENCH_METRICS: MetricSpec[] = [
  { name: 'score', kind: 'mean', description: 'mean of the parsed judge ratings of both turns', range: [1, 10] },
  { name: 'turn1', kind: 'mean', description: 'judge rating of the first answer', range: [1, 10] },
  { name: 'turn2', kind: 'mean', description: 'judge rating of the second answer (multi-turn prompt)', range: [1, 10] },
];
