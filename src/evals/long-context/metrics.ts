import type { MetricSpec } from '../../shared/records/metric.ts';

// Long context's tasks and metrics (one per task beside the primary), apart from the task generators and the scorer so
// that the registry, loaded with every config, reads them without loading either.

/** Task names, in the order cases cycle through them. */
export const LONG_CONTEXT_TASKS = ['niah_single', 'niah_multikey', 'niah_multivalue', 'niah_multiquery', 'vt'] as const;
export type LongContextTask = (typeof LONG_CONTEXT_TASKS)[number];

/** The primary metric: RULER's score over every case of the length. */
export const LONG_CONTEXT_PRIMARY = 'score';

/** Metrics of every length, primary first. */
export const LONG_CONTEXT_METRICS: MetricSpec[] = [
  {
    name: LONG_CONTEXT_PRIMARY,
    kind: 'mean',
    description: 'share of the planted values found in the answer, ignoring case (RULER string_match_all), all tasks',
    range: [0, 1],
  },
  ...LONG_CONTEXT_TASKS.map(
    (task): MetricSpec => ({ name: task, kind: 'mean', description: `RULER string_match_all on the ${task} cases only`, range: [0, 1] }),
  ),
];
