import { z } from 'zod';

/**
 * A score a dataset reports across several of its keys (BFCL's overall from its per-category keys), with its 95%
 * interval. Computed by the dataset's registry entry when the run record is written.
 */
export const DatasetAggregateSchema = z.object({
  /** Dataset name, e.g. `bfcl`. */
  dataset: z.string(),
  /** Which keys it combines, when a dataset reports several groups (BFCL: the mode, `tools` or `qwen_text`). */
  group: z.string(),
  /** e.g. `non_live_ast`. */
  name: z.string(),
  description: z.string(),
  value: z.number(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  /** Scored cases behind it. */
  n: z.number().int().nonnegative(),
  /** Keys the aggregate needs that the run did not score (counted as 0, as the reference does). */
  missing: z.array(z.string()),
});
export type DatasetAggregate = z.infer<typeof DatasetAggregateSchema>;
