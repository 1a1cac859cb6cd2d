import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { RUN_RECORD_VERSION } from '../../shared/records/run-record.ts';
import { RunSummarySchema, type RunSummary } from '../../shared/records/run-summary.ts';

// The history index: one file next to the run records holding each record's summary, keyed by file name and checked
// against the file's size and modification time. It is a cache, never the truth: a missing, corrupt or outdated index
// (another record version) is rebuilt from the records, a stale entry is re-read, an entry without its file is dropped.
// It lets the tracker and the baseline choice read a 1,000-run history without parsing 1,000 full records.

/** File name of the index inside `<resultsDir>/runs/` (a dot file: never listed as a run record). */
export const HISTORY_INDEX_FILE = '.index.json';

/** Bumped when the index's own shape changes. */
const INDEX_VERSION = 1;

const FileStampSchema = z.object({ size: z.number().int().nonnegative(), mtimeMs: z.number() });
export type FileStamp = z.infer<typeof FileStampSchema>;

const IndexEntrySchema = z.union([
  FileStampSchema.extend({ summary: RunSummarySchema }),
  // An invalid record is remembered too, so a broken file is not re-parsed on every run.
  FileStampSchema.extend({ error: z.string() }),
]);
export type IndexEntry = z.infer<typeof IndexEntrySchema>;

const HistoryIndexSchema = z.object({
  version: z.literal(INDEX_VERSION),
  recordVersion: z.literal(RUN_RECORD_VERSION),
  entries: z.record(z.string(), IndexEntrySchema),
});

/** Index entries by record file name. */
export type IndexEntries = Map<string, IndexEntry>;

/** Path of the index for a runs folder. */
export function historyIndexPath(runsDir: string): string {
  return path.join(runsDir, HISTORY_INDEX_FILE);
}

/** Read the index; null when it is missing, unreadable, corrupt or written for another record version. */
export async function readHistoryIndex(runsDir: string): Promise<IndexEntries | null> {
  let text: string;
  try {
    text = await readFile(historyIndexPath(runsDir), 'utf8');
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
  return parsed.success ? new Map(Object.entries(parsed.data.entries)) : null;
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
