// Importing vitest here makes its TaskMeta re-export resolvable for the augmentation below, whatever the file order.
import type {} from 'vitest';
import { z } from 'zod';
import { MetricSpecSchema } from './metric.ts';

// Suite-level facts: the static `meta.evalSuite` of each eval suite (describe), visible to reporters from
// collection on. The run record's per-dataset result derives from it.

/** A pinned dataset file: where it came from and what it must hash to. */
export const DatasetPinSchema = z.object({
  repository: z.string(),
  commit: z.string(),
  path: z.string(),
  sha256: z.string(),
});
export type DatasetPin = z.infer<typeof DatasetPinSchema>;

/** Who graded a judged suite; scores from another judge are not comparable. */
export const JudgeInfoSchema = z.object({
  model: z.string(),
  baseUrl: z.string(),
  /** How the judge was chosen: the model under test grading itself, an external endpoint, or the simulator's script. */
  source: z.enum(['self', 'external', 'scripted']).default('external'),
});
export type JudgeInfo = z.infer<typeof JudgeInfoSchema>;

export const SuiteMetaSchema = z.object({
  dataset: z.string(),
  variant: z.string(),
  /** Human label, e.g. "GSM8K (0-shot CoT, \\boxed{})". */
  label: z.string(),
  /** Metric reported first and gated by default. */
  primaryMetric: z.string(),
  metricSpecs: z.array(MetricSpecSchema),
  pins: z.array(DatasetPinSchema),
  /** sha256 prefix of the rendered prompt template (and few-shot block), to tell comparable runs apart. */
  promptHash: z.string(),
  /** Cases in the full dataset; the suite may run fewer (EVAL_LIMIT). Null when unknown. */
  datasetSize: z.number().int().nonnegative().nullable(),
  /** Cases this run selected. */
  selected: z.number().int().nonnegative(),
  judge: JudgeInfoSchema.nullable().default(null),
  /**
   * What the suite measures, for report sections that group suites (`function_calling`: BFCL; the agent suites add
   * their own); null for the rest.
   */
  kind: z.string().nullable().optional(),
  /** vLLM's tool parser the answers went through, for suites that ask with `tools`; null otherwise. Part of the fingerprint. */
  toolCallParser: z.string().nullable().optional(),
});
export type SuiteMeta = z.infer<typeof SuiteMetaSchema>;

/** `dataset/variant`, the key thresholds, records and the tracker use. */
export function datasetKey(meta: Pick<SuiteMeta, 'dataset' | 'variant'>): string {
  return `${meta.dataset}/${meta.variant}`;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Static meta of each eval suite (describe), set by the eval machinery. */
    evalSuite?: SuiteMeta;
  }
}
