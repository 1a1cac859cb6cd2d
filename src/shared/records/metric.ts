import { z } from 'zod';

// Declared metrics of a suite and their aggregated values.

/**
 * `proportion`: per-case 0/1, reported as a share with a Wilson interval. `mean`: graded per-case scores, bootstrap
 * interval. `ratio`: each case passes a share of its own units (IFEval: the instructions of a prompt), pooled over all
 * units (passed units / units, not a mean of per-case shares), with a bootstrap interval that resamples cases.
 */
export const MetricKindSchema = z.enum(['proportion', 'mean', 'ratio']);
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
  /** Ratio metrics: the units pooled (passed of total), e.g. instructions followed of instructions asked. */
  units: z.object({ passed: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).optional(),
  /** 95% interval, [low, high]; null when n = 0. */
  ci: z.tuple([z.number(), z.number()]).nullable(),
});
export type MetricValue = z.infer<typeof MetricValueSchema>;
