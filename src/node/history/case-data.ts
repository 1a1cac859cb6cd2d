import { stat } from 'node:fs/promises';
import type { StoredSummary } from './store.ts';
import type { DatasetResult } from '../../shared/records/run-record.ts';
import { readComparedRun } from '../../shared/history/run-record-file.ts';

/** Per-case data by run id and dataset key. */
export type LoadedCases = Map<string, Map<string, DatasetResult['cases']>>;

/**
 * Read the per-case data of the wanted runs' wanted datasets, one record at a time, keeping only those datasets (a
 * full record is ~9 MB of JSON; memory holds only what a comparison pairs). A record that cannot be read is left out:
 * its comparisons then have no paired cases, and the listing already named the file if it was invalid.
 * What the previous call loaded is reused when its file has not changed: a run reads the same newest runs at its
 * start (unstable cases for the gate) and at its end (the tracker).
 */
export async function loadCases(runs: readonly StoredSummary[], wanted: ReadonlyMap<string, ReadonlySet<string>>): Promise<LoadedCases> {
  const loaded: LoadedCases = new Map();
  const kept = new Map<string, KeptCases>();
  for (const { path, record } of runs) {
    const keys = wanted.get(record.runId);
    if (keys === undefined || keys.size === 0) continue;
    try {
      const stamp = await stampOf(path);
      const previous = lastLoaded.get(path);
      const reusable = previous?.stamp === stamp && [...keys].every((key) => previous.datasets.has(key));
      const datasets = new Map<string, DatasetResult['cases']>();
      if (reusable) for (const key of keys) datasets.set(key, previous.datasets.get(key)!);
      else {
        const run = await readComparedRun(path);
        for (const key of keys) {
          const cases = run.cases(key);
          if (cases !== undefined) datasets.set(key, cases);
        }
      }
      loaded.set(record.runId, datasets);
      kept.set(path, { stamp, datasets });
    } catch {
      // see above
    }
  }
  // Only the last call's records are kept, so memory stays what one comparison needs.
  lastLoaded = kept;
  return loaded;
}

interface KeptCases {
  stamp: string;
  datasets: Map<string, DatasetResult['cases']>;
}

let lastLoaded = new Map<string, KeptCases>();

async function stampOf(path: string): Promise<string> {
  const info = await stat(path);
  return `${info.size}:${info.mtimeMs}`;
}
