import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { RecordError } from '../../shared/errors.ts';
import type { CaseRecord } from '../../shared/records/case-record.ts';
import type { ViewerData } from '../../shared/viewer/types.ts';
import { type InvalidRunFile, listRuns } from '../history/store.ts';

// A results folder as the viewer reads it: every run record at once (small), each run's case records streamed from
// `cases/<runId>.jsonl` when first asked for and kept for the next pages.

/** Runs whose case records stay in memory; older ones are read again when asked. @default 4 */
export const CASE_CACHE_RUNS = 4;

/** Path of a run's case records: `<resultsDir>/cases/<runId>.jsonl`. */
export function casesPath(resultsDir: string, runId: string): string {
  return path.join(resultsDir, 'cases', `${runId}.jsonl`);
}

/** The viewer's data over a results folder, plus the run files that could not be read (reported, not fatal). */
export async function loadResults(resultsDir: string): Promise<{ data: ViewerData; invalid: InvalidRunFile[] }> {
  const { runs, invalid } = await listRuns(resultsDir);
  const cache = new Map<string, Promise<CaseRecord[]>>();
  const data: ViewerData = {
    resultsDir: path.resolve(resultsDir),
    records: runs.map((run) => run.record),
    hasCases: (runId) => existsSync(casesPath(resultsDir, runId)),
    loadCases(runId) {
      let cases = cache.get(runId);
      if (!cases) {
        cases = data.hasCases(runId) ? readCaseRecords(casesPath(resultsDir, runId)) : Promise.resolve([]);
        cache.set(runId, cases);
        cases.catch(() => cache.delete(runId));
        if (cache.size > CASE_CACHE_RUNS) cache.delete(cache.keys().next().value!);
      } else {
        // Most recently used last, so the oldest is evicted first.
        cache.delete(runId);
        cache.set(runId, cases);
      }
      return cases;
    },
  };
  return { data, invalid };
}

/**
 * Stream a cases file line by line. Lines are trusted to be the reporter's own records (checked for the fields the
 * viewer keys on, not against the whole schema: that costs ~10x the parse on 25,000 cases); a line that is not
 * JSON or lacks them throws RecordError naming the file and line. A last line cut by an interrupted run is skipped.
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
