import { z } from 'zod';
import { DatasetResultSchema, type RunRecord, RunRecordSchema } from './run-record.ts';

// A run record without its per-case data: what the tracker and the baseline choice read for every run in the
// history. Per-case data (about 380 bytes a case, 9 MB for a run of every built-in suite) is loaded only for the
// runs actually compared.

/** A dataset's result without its cases. */
export const DatasetSummarySchema = DatasetResultSchema.omit({ cases: true });
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

/** A run record whose datasets carry no per-case data. */
export const RunSummarySchema = RunRecordSchema.extend({ datasets: z.record(z.string(), DatasetSummarySchema) });
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** The run's summary: the record as it is, each dataset without `cases`. */
export function summarizeRun(record: RunRecord): RunSummary {
  const datasets: Record<string, DatasetSummary> = {};
  for (const [key, { cases: _cases, ...rest }] of Object.entries(record.datasets)) datasets[key] = rest;
  return { ...record, datasets };
}
