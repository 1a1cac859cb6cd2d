import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { RecordError } from '../../shared/errors.ts';
import { type RunRecord, RunRecordSchema } from '../../shared/records/run-record.ts';
import { readRunRecord, readRunSummary } from '../../shared/history/run-record-file.ts';
import { formatZodIssues } from '../../shared/format-zod-issues.ts';
import { type RunSummary, summarizeRun } from '../../shared/records/run-summary.ts';
import {
  appendHistoryIndex,
  type FileStamp,
  historyIndexPath,
  type IndexEntries,
  type IndexEntry,
  isFresh,
  readHistoryIndex,
  rememberHistoryIndex,
  serializeHistoryIndex,
  summaryEntry,
} from './history-index.ts';
import { isSafeRunId } from './run-id.ts';
import { compareCodeUnits } from '../../shared/compare-text.ts';
import { memoizeByKey } from '../../shared/memoize-by-key.ts';

/** Folder under the results directory that holds one `<runId>.json` per run. */
export const RUNS_DIR = 'runs';

/** A run record read from history, with the file it came from. */
export interface StoredRun {
  path: string;
  record: RunRecord;
}

/** A run's summary read from the history index (or from its record when the index had no fresh entry), with the record's file. */
export interface StoredSummary {
  path: string;
  record: RunSummary;
  /** The record file's size and modification time when its summary was read. */
  stamp: FileStamp;
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
  const { target, text, parsed } = prepareRunRecord(resultsDir, record);
  await mkdir(path.dirname(target), { recursive: true });
  if (await exists(target)) {
    throw new RecordError(`Run ${record.runId} already exists at ${target}; run records are never overwritten, make a new run id.`);
  }
  await writeFileAtomic(target, text);
  await addToHistoryIndex(target, summarizeRun(parsed));
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
function prepareRunRecord(resultsDir: string, record: RunRecord): { target: string; text: string; parsed: RunRecord } {
  const parsed = RunRecordSchema.safeParse(record);
  if (!parsed.success) {
    throw new RecordError(`Run record ${String(record?.runId)} is invalid, not writing it:\n${formatZodIssues(parsed.error)}`);
  }
  if (!isSafeRunId(parsed.data.runId)) {
    throw new RecordError(`Run id ${JSON.stringify(parsed.data.runId)} cannot be used as a file name; make it with makeRunId().`);
  }
  return { target: runRecordPath(resultsDir, parsed.data.runId), text: `${JSON.stringify(parsed.data, null, 2)}\n`, parsed: parsed.data };
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
 * List the run history with full records (per-case data included), oldest first (by start time, then run id).
 * Tolerant: unreadable, invalid and duplicate files are reported in `invalid` and skipped. A missing `runs/` folder is
 * an empty history. Reads every record whole: for the tracker and the baseline choice use listRunSummaries.
 */
export async function listRuns(resultsDir: string): Promise<RunHistory> {
  const dir = path.join(resultsDir, RUNS_DIR);
  const files = await listRecordFiles(dir);
  const results = await Promise.all(
    files.map(async (name): Promise<StoredRun | InvalidRunFile> => {
      const file = path.join(dir, name);
      try {
        return { path: file, record: await readRunRecord(file) };
      } catch (error) {
        return { path: file, error: toRecordError(error, file) };
      }
    }),
  );
  return orderHistory(results);
}

/** Result of listRunSummaries: summaries oldest first, the files that were skipped, and how the index served. */
export interface SummaryHistory {
  runs: StoredSummary[];
  invalid: InvalidRunFile[];
  /** Records served from the history index, and records read whole (new, changed, or no usable index). */
  index: { reused: number; read: number };
}

/** Records read whole at once while rebuilding index entries: bounds memory (a full run record is ~9 MB of JSON). */
const REBUILD_CONCURRENCY = 2;

/**
 * List the run history as summaries (no per-case data), oldest first, like listRuns. Summaries come from the history
 * index (`.runs-index.json` beside `runs/`) when its entry matches the record file's size and modification time; other records are
 * read once, and the index is rewritten atomically when anything changed. Memory stays bounded by the summaries,
 * whatever the size of the records.
 */
export async function listRunSummaries(resultsDir: string): Promise<SummaryHistory> {
  const dir = path.join(resultsDir, RUNS_DIR);
  const files = await listRecordFiles(dir);
  if (files.length === 0) return { runs: [], invalid: [], index: { reused: 0, read: 0 } };
  const [stamps, previous] = await Promise.all([Promise.all(files.map((name) => stampOf(path.join(dir, name)))), readHistoryIndex(dir)]);
  const entries: IndexEntries = new Map();
  const stale: number[] = [];
  files.forEach((name, i) => {
    const entry = previous?.get(name);
    const stamp = stamps[i];
    if (stamp !== null && stamp !== undefined && isFresh(entry, stamp)) entries.set(name, entry);
    else stale.push(i);
  });
  await forEachLimited(stale, REBUILD_CONCURRENCY, async (i) => {
    const name = files[i]!;
    const entry = await readIndexEntry(path.join(dir, name));
    if (entry !== null) entries.set(name, entry);
  });
  const changed = stale.length > 0 || previous === null || previous.size !== entries.size;
  if (changed) await writeHistoryIndex(dir, entries);
  const results = files.map((name): StoredSummary | InvalidRunFile => {
    const file = path.join(dir, name);
    const entry = entries.get(name);
    if (entry === undefined) return { path: file, error: new RecordError(`Cannot read run record ${file}: it disappeared while listing.`) };
    return 'summary' in entry
      ? { path: file, record: entry.summary, stamp: { size: entry.size, mtimeMs: entry.mtimeMs } }
      : { path: file, error: new RecordError(entry.error) };
  });
  return { ...orderHistory(results), index: { reused: files.length - stale.length, read: stale.length } };
}

// Serialise index updates within this process (two projects may finish at once); across processes the index is a
// cache that the next listing repairs.
let indexQueue: Promise<unknown> = Promise.resolve();

// Add a freshly written record's summary to an existing index (appended: see history-index.ts). Without an index there
// is nothing to keep current: the next listing builds it. Never fails the write of the record itself.
async function addToHistoryIndex(target: string, summary: RunSummary): Promise<void> {
  const update = indexQueue.then(async () => {
    const stamp = await stampOf(target);
    if (stamp !== null) await appendHistoryIndex(path.dirname(target), path.basename(target), summaryEntry(stamp, summary));
  });
  indexQueue = update.catch(() => undefined);
  await update.catch(() => undefined);
}

async function writeHistoryIndex(dir: string, entries: IndexEntries): Promise<void> {
  try {
    await writeFileAtomic(historyIndexPath(dir), serializeHistoryIndex(entries));
    await rememberHistoryIndex(dir, entries);
  } catch {
    // A read-only results folder still lists; the index is rebuilt in memory next time.
  }
}

// The entry for one record file, read whole; null when the file vanished in between.
async function readIndexEntry(file: string): Promise<IndexEntry | null> {
  const before = await stampOf(file);
  if (before === null) return null;
  try {
    return summaryEntry(before, await readRunSummary(file));
  } catch (error) {
    return { ...before, error: toRecordError(error, file).message };
  }
}

async function stampOf(file: string): Promise<FileStamp | null> {
  try {
    const info = await stat(file);
    // Whole milliseconds: copies and archives keep modification times at that precision at best.
    return { size: info.size, mtimeMs: Math.trunc(info.mtimeMs) };
  } catch {
    return null;
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

// Record files of a runs folder, sorted; a missing folder is an empty history.
async function listRecordFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new RecordError(`Cannot list run history in ${dir}: ${(error as Error).message}`, { cause: error });
  }
  return names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
}

function toRecordError(error: unknown, file: string): RecordError {
  return error instanceof RecordError ? error : new RecordError(`Cannot read run record ${file}: ${String(error)}`, { cause: error });
}

// Skip runs whose id repeats an earlier file's, then order oldest first.
function orderHistory<T extends { path: string; record: Pick<RunRecord, 'runId' | 'startedAt'> }>(
  results: readonly (T | InvalidRunFile)[],
): { runs: T[]; invalid: InvalidRunFile[] } {
  const runs: T[] = [];
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
  return compareCodeUnits(a.runId, b.runId);
}

// Start times parsed once each: sorting a 1,000-run history compares ~10,000 pairs, and the tracker sorts it again.
const timeOf = memoizeByKey((iso) => Date.parse(iso), { max: 100_000 });

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
