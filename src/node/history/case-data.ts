import type { StoredSummary } from './store.ts';
import type { DatasetResult } from '../../shared/records/run-record.ts';
import { readRunRecord } from '../../shared/history/run-record-file.ts';

/** Per-case data by run id and dataset key. */
export type LoadedCases = Map<string, Map<string, DatasetResult['cases']>>;

/**
 * Read the per-case data of the wanted runs' wanted datasets, one record at a time, keeping only those datasets (a
 * full record is ~9 MB of JSON; memory holds only what a comparison pairs). A record that cannot be read is left out:
 * its comparisons then have no paired cases, and the listing already named the file if it was invalid.
 */
export async function loadCases(runs: readonly StoredSummary[], wanted: ReadonlyMap<string, ReadonlySet<string>>): Promise<LoadedCases> {
  const loaded: LoadedCases = new Map();
  for (const { path, record } of runs) {
    const keys = wanted.get(record.runId);
    if (keys === undefined || keys.size === 0) continue;
    try {
      const full = await readRunRecord(path);
      const datasets = new Map<string, DatasetResult['cases']>();
      for (const key of keys) {
        const cases = full.datasets[key]?.cases;
        if (cases !== undefined) datasets.set(key, cases);
      }
      loaded.set(record.runId, datasets);
    } catch {
      // see above
    }
  }
  return loaded;
}
