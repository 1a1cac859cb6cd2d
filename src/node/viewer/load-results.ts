import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { RecordError } from '../../shared/errors.ts';
import type { CaseRecord } from '../../shared/records/case-record.ts';
import type { ViewerData } from '../../shared/viewer/types.ts';
import { readRunRecord } from '../../shared/history/run-record-file.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import { type InvalidRunFile, listRunSummaries } from '../history/store.ts';

// A results folder as the viewer reads it: every run's summary at once (the history index's, no per-case data), a
// whole record only for the runs a comparison pairs, and each run's case records streamed from `cases/<runId>.jsonl`
// when first asked for, kept for the next pages until the file changes.

/** Runs whose case records stay in memory; older ones are read again when asked. @default 4 */
export const CASE_CACHE_RUNS = 4;

/** Path of a run's case records: `<resultsDir>/cases/<runId>.jsonl`. */
export function casesPath(resultsDir: string, runId: string): string {
  return path.join(resultsDir, 'cases', `${runId}.jsonl`);
}

/** The viewer's data over a results folder, plus the run files that could not be read (reported, not fatal). */
export async function loadResults(resultsDir: string): Promise<{ data: ViewerData; invalid: InvalidRunFile[] }> {
  const { runs, invalid } = await listRunSummaries(resultsDir);
  const files = new Map(runs.map((run) => [run.record.runId, run.path]));
  // The two runs of the comparison on screen.
  const records = new Map<string, Promise<RunRecord>>();
  // Keyed by run id; `stamp` (mtime and size) tells a cases file that grew since (a run still going, a resume).
  const cache = new Map<string, { stamp: string; cases: Promise<CaseRecord[]> }>();
  const data: ViewerData = {
    resultsDir: path.resolve(resultsDir),
    summaries: runs.map((run) => run.record),
    loadRecord(runId) {
      let record = records.get(runId);
      if (!record) {
        const file = files.get(runId);
        record = file ? readRunRecord(file) : Promise.reject(new RecordError(`No run record of ${runId} in ${resultsDir}.`));
        records.set(runId, record);
        record.catch(() => records.delete(runId));
        if (records.size > 2) records.delete(records.keys().next().value!);
      }
      return record;
    },
    hasCases: (runId) => existsSync(casesPath(resultsDir, runId)),
    loadCases(runId) {
      const file = casesPath(resultsDir, runId);
      const stamp = stampOf(file);
      if (stamp === null) return Promise.resolve([]);
      let entry = cache.get(runId);
      cache.delete(runId);
      if (entry?.stamp !== stamp) {
        entry = { stamp, cases: readCaseRecords(file) };
        entry.cases.catch(() => cache.delete(runId));
      }
      // Most recently used last, so the oldest is evicted first.
      cache.set(runId, entry);
      if (cache.size > CASE_CACHE_RUNS) cache.delete(cache.keys().next().value!);
      return entry.cases;
    },
  };
  return { data, invalid };
}

/** A results folder that notices new runs: `refresh()` reloads it when `runs/` changed since the last load, else null. */
export async function watchResults(
  resultsDir: string,
): Promise<{ data: ViewerData; invalid: InvalidRunFile[]; refresh(): Promise<ViewerData | null> }> {
  const runsDir = path.join(resultsDir, 'runs');
  const first = await loadResults(resultsDir);
  // Taken after loading: listing may rewrite the history index in runs/.
  let stamp = stampOf(runsDir);
  return {
    ...first,
    async refresh() {
      const now = stampOf(runsDir);
      if (now === stamp) return null;
      const { data } = await loadResults(resultsDir);
      stamp = stampOf(runsDir);
      return data;
    },
  };
}

// Modification time and size of a file or folder; null when it does not exist.
function stampOf(file: string): string | null {
  try {
    const { mtimeMs, size } = statSync(file);
    return `${mtimeMs}:${size}`;
  } catch {
    return null;
  }
}

/**
 * Stream a cases file line by line. Lines are trusted to be the reporter's own records, checked for the fields the
 * viewer keys on only: the whole schema would add 0.45-1.0 s to the 1.1-1.3 s of JSON.parse on 25,000 cases
 * (measured on the loaded 2-core development machine). A line that is not JSON or lacks those fields throws
 * RecordError naming the file and line; a last line cut by an interrupted run is skipped.
 */
export async function readCaseRecords(file: string): Promise<CaseRecord[]> {
  const records: CaseRecord[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  let pending: { line: number; error: string } | undefined;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    if (pending) throw invalidLine(file, pending.line, pending.error);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      pending = { line: number, error: (error as Error).message };
      continue;
    }
    if (!looksLikeCaseRecord(value)) throw invalidLine(file, number, 'expected an object with runId, dataset, variant, caseId and verdict');
    records.push(value);
  }
  return records;
}

function invalidLine(file: string, line: number, problem: string): RecordError {
  return new RecordError(`Case records ${file}, line ${line}: ${problem}. Each line must be one case record as the reporter writes it.`);
}

function looksLikeCaseRecord(value: unknown): value is CaseRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['runId', 'dataset', 'variant', 'caseId', 'verdict'].every((key) => typeof record[key] === 'string');
}
