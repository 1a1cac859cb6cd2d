import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { RecordError } from '../../shared/errors.ts';
import { type RunRecord, RunRecordSchema } from '../../shared/records/run-record.ts';
import { readRunRecord } from '../../shared/history/run-record-file.ts';
import { formatZodIssues } from '../../shared/format-zod-issues.ts';
import { isSafeRunId } from './run-id.ts';

/** Folder under the results directory that holds one `<runId>.json` per run. */
export const RUNS_DIR = 'runs';

/** A run record read from history, with the file it came from. */
export interface StoredRun {
  path: string;
  record: RunRecord;
}

/** A history file that could not be read; listRuns reports it instead of throwing. */
export interface InvalidRunFile {
  path: string;
  error: RecordError;
}

/** Result of listRuns: valid runs oldest first, plus the files that were skipped. */
export interface RunHistory {
  runs: StoredRun[];
  invalid: InvalidRunFile[];
}

/** Path of a run's record: `<resultsDir>/runs/<runId>.json`. */
export function runRecordPath(resultsDir: string, runId: string): string {
  return path.join(resultsDir, RUNS_DIR, `${runId}.json`);
}

/**
 * Validate and write a run record to `<resultsDir>/runs/<runId>.json` atomically
 * (temp file, fsync, rename). Refuses to overwrite an existing run id. Returns the path written.
 */
export async function writeRunRecord(resultsDir: string, record: RunRecord): Promise<string> {
  const { target, text } = prepareRunRecord(resultsDir, record);
  await mkdir(path.dirname(target), { recursive: true });
  if (await exists(target)) {
    throw new RecordError(`Run ${record.runId} already exists at ${target}; run records are never overwritten, make a new run id.`);
  }
  await writeFileAtomic(target, text);
  return target;
}

/**
 * The same, synchronously: for the moment a run is interrupted (SIGINT, SIGTERM), when the process exits right after
 * the signal and nothing asynchronous would finish.
 */
export function writeRunRecordSync(resultsDir: string, record: RunRecord): string {
  const { target, text } = prepareRunRecord(resultsDir, record);
  mkdirSync(path.dirname(target), { recursive: true });
  if (existsSync(target)) throw new RecordError(`Run ${record.runId} already exists at ${target}; run records are never overwritten.`);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(temp, text, { flag: 'wx' });
  renameSync(temp, target);
  return target;
}

// Validate a record and name its file.
function prepareRunRecord(resultsDir: string, record: RunRecord): { target: string; text: string } {
  const parsed = RunRecordSchema.safeParse(record);
  if (!parsed.success) {
    throw new RecordError(`Run record ${String(record?.runId)} is invalid, not writing it:\n${formatZodIssues(parsed.error)}`);
  }
  if (!isSafeRunId(parsed.data.runId)) {
    throw new RecordError(`Run id ${JSON.stringify(parsed.data.runId)} cannot be used as a file name; make it with makeRunId().`);
  }
  return { target: runRecordPath(resultsDir, parsed.data.runId), text: `${JSON.stringify(parsed.data, null, 2)}\n` };
}

/** Write a file atomically: temp file in the same folder, fsync, rename over the target, fsync the folder. */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(target));
}

/**
 * List the run history, oldest first (by start time, then run id). Tolerant: unreadable, invalid and duplicate files are
 * reported in `invalid` and skipped. A missing `runs/` folder is an empty history.
 */
export async function listRuns(resultsDir: string): Promise<RunHistory> {
  const dir = path.join(resultsDir, RUNS_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [], invalid: [] };
    throw new RecordError(`Cannot list run history in ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  const results = await Promise.all(
    files.map(async (name): Promise<StoredRun | InvalidRunFile> => {
      const file = path.join(dir, name);
      try {
        return { path: file, record: await readRunRecord(file) };
      } catch (error) {
        const recordError =
          error instanceof RecordError ? error : new RecordError(`Cannot read run record ${file}: ${String(error)}`, { cause: error });
        return { path: file, error: recordError };
      }
    }),
  );
  const runs: StoredRun[] = [];
  const invalid: InvalidRunFile[] = [];
  const seen = new Map<string, string>();
  for (const result of results) {
    if ('error' in result) {
      invalid.push(result);
      continue;
    }
    const first = seen.get(result.record.runId);
    if (first !== undefined) {
      invalid.push({
        path: result.path,
        error: new RecordError(`Run record ${result.path} repeats run id ${result.record.runId} already read from ${first}; skipped.`),
      });
      continue;
    }
    seen.set(result.record.runId, result.path);
    runs.push(result);
  }
  runs.sort((a, b) => compareRuns(a.record, b.record));
  return { runs, invalid };
}

// Order runs by start time, then by run id (which starts with the start time).
export function compareRuns(a: Pick<RunRecord, 'runId' | 'startedAt'>, b: Pick<RunRecord, 'runId' | 'startedAt'>): number {
  const byTime = timeOf(a.startedAt) - timeOf(b.startedAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0;
}

function timeOf(iso: string): number {
  return Date.parse(iso);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

// Persist the rename; some platforms cannot open a folder for fsync, which is harmless.
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close();
  }
}
