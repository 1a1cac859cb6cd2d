import { z } from 'zod';
import { DatasetPinSchema } from './run-record.ts';
import { MetricSpecSchema } from './metric.ts';

// Suite-level facts, written once per suite into the describe block's `meta.evalSuite`.
export const SuiteMetaSchema = z.object({
  dataset: z.string(),
  variant: z.string(),
  label: z.string(),
  primaryMetric: z.string(),
  metricSpecs: z.array(MetricSpecSchema),
  pins: z.array(DatasetPinSchema),
  promptHash: z.string(),
  /** Cases in the full split; the suite may run fewer (EVAL_LIMIT). */
  datasetSize: z.number().int().nonnegative(),
  /** Cases this run selected. */
  selected: z.number().int().nonnegative(),
  judge: z.object({ model: z.string(), baseUrl: z.string() }).nullable(),
});
export type SuiteMeta = z.infer<typeof SuiteMetaSchema>;

export function datasetKey(meta: Pick<SuiteMeta, 'dataset' | 'variant'>): string {
  return `${meta.dataset}/${meta.variant}`;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set on each eval suite (describe) by defineEvalSuite. */
    evalSuite?: SuiteMeta;
  }
}
