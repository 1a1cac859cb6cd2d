import type { DatasetResult, RunRecord } from '../../shared/records/run-record.ts';

// The tracker reads the history as summaries; comparisons pair cases through a lookup filled with the per-case data
// of the few runs they compare (see runsToCompare in model.ts).

/** Per-case data of a run's dataset; undefined when not loaded. */
export type CaseLookup = (runId: string, datasetKey: string) => DatasetResult['cases'] | undefined;

/** A CaseLookup over full run records already in memory (tests, callers holding whole records). */
export function casesOf(records: readonly RunRecord[]): CaseLookup {
  const byId = new Map(records.map((record) => [record.runId, record]));
  return (runId, key) => byId.get(runId)?.datasets[key]?.cases;
}

/** A dataset summary with its cases from the lookup (none when not loaded: a comparison then pairs nothing). */
export function withCases<T extends object>(
  result: T,
  runId: string,
  key: string,
  cases: CaseLookup | undefined,
): T & { cases: DatasetResult['cases'] } {
  return { ...result, cases: cases?.(runId, key) ?? {} };
}
