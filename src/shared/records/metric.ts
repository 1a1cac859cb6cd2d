import { z } from 'zod';

// Declared metrics of a suite and their aggregated values.

/** `proportion`: per-case 0/1, reported as a share with a Wilson interval. `mean`: graded per-case scores, bootstrap interval. */
export const MetricKindSchema = z.enum(['proportion', 'mean']);
export type MetricKind = z.infer<typeof MetricKindSchema>;

export const MetricSpecSchema = z.object({
  name: z.string().min(1),
  kind: MetricKindSchema,
  /** One line shown in reports, e.g. "final answer in \\boxed{} equals the gold number". */
  description: z.string(),
  /** Range of a per-case score, for graded metrics (MT-Bench: [1, 10]). */
  range: z.tuple([z.number(), z.number()]).default([0, 1]),
});
export type MetricSpec = z.infer<typeof MetricSpecSchema>;

export const MetricValueSchema = z.object({
  kind: MetricKindSchema,
  /** Mean of the per-case scores that are not null; null when no case was scored. */
  value: z.number().nullable(),
  /** Number of cases that entered the value. */
  n: z.number().int().nonnegative(),
  /** 95% interval, [low, high]; null when n = 0. */
  ci: z.tuple([z.number(), z.number()]).nullable(),
});
export type MetricValue = z.infer<typeof MetricValueSchema>;
