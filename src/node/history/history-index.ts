import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { RUN_RECORD_VERSION } from '../../shared/records/run-record.ts';
import type { RunSummary } from '../../shared/records/run-summary.ts';

// The history index: one file beside the run records' folder holding each record's summary, keyed by file name and checked
// against the file's size and modification time. It is a cache, never the truth: a missing, corrupt or outdated index
// (another record version) is rebuilt from the records, a stale entry is re-read, an entry without its file is dropped.
// It lets the tracker and the baseline choice read a 1,000-run history without parsing 1,000 full records.

/**
 * File name of the index inside the results folder, beside `runs/` rather than in it: tools that read every
 * `runs/*.json` as a run record never meet it.
 */
export const HISTORY_INDEX_FILE = '.runs-index.json';

/** Bumped when the index's own shape changes. */
const INDEX_VERSION = 1;

const FileStampSchema = z.object({ size: z.number().int().nonnegative(), mtimeMs: z.number() });
export type FileStamp = z.infer<typeof FileStampSchema>;

// Summaries are checked for their identity only: they were validated when read from their records, and this module
// alone writes the index (full validation of 1,000 summaries would cost more than the rest of the listing).
const IndexedSummarySchema = z.looseObject({ runId: z.string(), startedAt: z.string() });

const IndexEntrySchema = z.union([
  FileStampSchema.extend({ summary: IndexedSummarySchema }),
  // An invalid record is remembered too, so a broken file is not re-parsed on every run.
  FileStampSchema.extend({ error: z.string() }),
]);
/** One record's entry: its summary, or why it could not be read. */
export type IndexEntry = (FileStamp & { summary: RunSummary }) | (FileStamp & { error: string });

const HistoryIndexSchema = z.object({
  version: z.literal(INDEX_VERSION),
  recordVersion: z.literal(RUN_RECORD_VERSION),
  entries: z.record(z.string(), IndexEntrySchema),
});

/** Index entries by record file name. */
export type IndexEntries = Map<string, IndexEntry>;

/** Path of the index of the runs folder `runsDir` (`<resultsDir>/runs`): `<resultsDir>/.runs-index.json`. */
export function historyIndexPath(runsDir: string): string {
  return path.join(path.dirname(runsDir), HISTORY_INDEX_FILE);
}

// The index last read or written by this process, by path: global setup (baseline) and the reporter (tracker) list
// the same history in one run.
const memo = new Map<string, { stamp: FileStamp; entries: IndexEntries }>();

/** Read the index; null when it is missing, unreadable, corrupt or written for another record version. */
export async function readHistoryIndex(runsDir: string): Promise<IndexEntries | null> {
  const file = historyIndexPath(runsDir);
  let text: string;
  let stamp: FileStamp;
  try {
    const info = await stat(file);
    stamp = { size: info.size, mtimeMs: info.mtimeMs };
    const remembered = memo.get(file);
    if (remembered && remembered.stamp.size === stamp.size && remembered.stamp.mtimeMs === stamp.mtimeMs)
      return new Map(remembered.entries);
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = HistoryIndexSchema.safeParse(json);
  if (!parsed.success) return null;
  const entries = new Map(Object.entries(parsed.data.entries as Record<string, IndexEntry>));
  // A run lists the history at its start and again at its end (5 MB of JSON for 1,000 runs): parse it once.
  memo.set(file, { stamp, entries: new Map(entries) });
  return entries;
}

/** Remember the index this process just wrote (its file's stamp now), so the next read skips parsing it. */
export async function rememberHistoryIndex(runsDir: string, entries: IndexEntries): Promise<void> {
  const file = historyIndexPath(runsDir);
  try {
    const info = await stat(file);
    memo.set(file, { stamp: { size: info.size, mtimeMs: info.mtimeMs }, entries: new Map(entries) });
  } catch {
    memo.delete(file);
  }
}

/** The index file's text for these entries (file names sorted, so the file is stable). */
export function serializeHistoryIndex(entries: IndexEntries): string {
  const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: INDEX_VERSION, recordVersion: RUN_RECORD_VERSION, entries: sorted })}\n`;
}

/** True when an entry was made from the file as it is now. */
export function isFresh(entry: IndexEntry | undefined, stamp: FileStamp): entry is IndexEntry {
  return entry !== undefined && entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs;
}

/** An entry holding a record's summary. */
export function summaryEntry(stamp: FileStamp, summary: RunSummary): IndexEntry {
  return { size: stamp.size, mtimeMs: stamp.mtimeMs, summary };
}
