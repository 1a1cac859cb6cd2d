import { appendFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { RUN_RECORD_VERSION } from '../../shared/records/run-record.ts';
import type { RunSummary } from '../../shared/records/run-summary.ts';
import { compareCodeUnits } from '../../shared/compare-text.ts';

// The history index: one file beside the run records' folder holding each record's summary, keyed by file name and checked
// against the file's size and modification time. It is a cache, never the truth: a missing, corrupt or outdated index
// (another record version) is rebuilt from the records, a stale entry is re-read, an entry without its file is dropped.
// It lets the tracker and the baseline choice read a 1,000-run history without parsing 1,000 full records.
// JSON lines: a header, then one entry per line, a later line for a file replacing an earlier one. A new record
// appends its line (rewriting a 1,000-run index, 5 MB, took a run ~0.15 s); a line cut short by a crash is skipped, so
// its record is read again; listings rewrite the index whole when anything else changed.

/**
 * File name of the index inside the results folder, beside `runs/` rather than in it: tools that read every
 * `runs/*.json` as a run record never meet it.
 */
export const HISTORY_INDEX_FILE = '.runs-index.json';

/** Bumped when the index's own shape changes (2: JSON lines). */
const INDEX_VERSION = 2;

const FileStampSchema = z.object({ size: z.number().int().nonnegative(), mtimeMs: z.number() });
export type FileStamp = z.infer<typeof FileStampSchema>;

// Summaries are checked for their identity only: they were validated when read from their records, and this module
// alone writes the index (full validation of 1,000 summaries would cost more than the rest of the listing).
const IndexedSummarySchema = z.looseObject({ runId: z.string(), startedAt: z.string() });

// One line per record: its file name and stamp with its summary, or with why it could not be read (an invalid record is
// remembered too, so a broken file is not re-parsed on every run).
const IndexLineSchema = z.union([
  FileStampSchema.extend({ file: z.string(), summary: IndexedSummarySchema }),
  FileStampSchema.extend({ file: z.string(), error: z.string() }),
]);
/** One record's entry: its summary, or why it could not be read. */
export type IndexEntry = (FileStamp & { summary: RunSummary }) | (FileStamp & { error: string });

const IndexHeaderSchema = z.object({ version: z.literal(INDEX_VERSION), recordVersion: z.literal(RUN_RECORD_VERSION) });

/** Index entries by record file name. */
export type IndexEntries = Map<string, IndexEntry>;

/** Path of the index of the runs folder `runsDir` (`<resultsDir>/runs`): `<resultsDir>/.runs-index.json`. */
export function historyIndexPath(runsDir: string): string {
  return path.join(path.dirname(runsDir), HISTORY_INDEX_FILE);
}

// The index last read or written by this process, by path: global setup (baseline) and the reporter (tracker) list
// the same history in one run.
const memo = new Map<string, { stamp: FileStamp; entries: IndexEntries }>();

/** Read the index; null when it is missing, unreadable, or its header is corrupt or of another version. */
export async function readHistoryIndex(runsDir: string): Promise<IndexEntries | null> {
  const file = historyIndexPath(runsDir);
  let text: string;
  let stamp: FileStamp;
  try {
    const info = await stat(file);
    stamp = { size: info.size, mtimeMs: info.mtimeMs };
    const remembered = memo.get(file);
    if (remembered && sameStamp(remembered.stamp, stamp)) return new Map(remembered.entries);
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  const entries = parseHistoryIndex(text);
  // A run lists the history at its start and again at its end (5 MB of JSON for 1,000 runs): parse it once.
  if (entries !== null) memo.set(file, { stamp, entries: new Map(entries) });
  return entries;
}

// The entries of an index file's text; null when its header is not this version's.
function parseHistoryIndex(text: string): IndexEntries | null {
  const lines = text.split('\n');
  if (!IndexHeaderSchema.safeParse(parseLine(lines[0]!)).success) return null;
  const entries: IndexEntries = new Map();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const parsed = IndexLineSchema.safeParse(parseLine(lines[i]!));
    // A line cut short (a crash while appending) or written by hand: its record is read again.
    if (!parsed.success) continue;
    const { file, ...entry } = parsed.data;
    entries.set(file, entry as IndexEntry);
  }
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
  const lines = [JSON.stringify({ version: INDEX_VERSION, recordVersion: RUN_RECORD_VERSION })];
  for (const [name, entry] of [...entries].sort(([a], [b]) => compareCodeUnits(a, b))) lines.push(indexLine(name, entry));
  return `${lines.join('\n')}\n`;
}

/**
 * Add one record's entry to an existing index by appending its line; nothing when there is no index (the next
 * listing builds it). Not atomic with other writers, and needs not be: a lost or torn line only makes the next
 * listing read that record again.
 */
export async function appendHistoryIndex(runsDir: string, name: string, entry: IndexEntry): Promise<void> {
  const file = historyIndexPath(runsDir);
  let before: FileStamp;
  try {
    const info = await stat(file);
    before = { size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return;
  }
  await appendFile(file, `${indexLine(name, entry)}\n`, 'utf8');
  const remembered = memo.get(file);
  if (remembered && sameStamp(remembered.stamp, before)) {
    const entries = new Map(remembered.entries).set(name, entry);
    await rememberHistoryIndex(runsDir, entries);
  } else memo.delete(file);
}

function indexLine(name: string, entry: IndexEntry): string {
  return JSON.stringify({ file: name, ...entry });
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** True when an entry was made from the file as it is now. */
export function isFresh(entry: IndexEntry | undefined, stamp: FileStamp): entry is IndexEntry {
  return entry !== undefined && entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs;
}

/** An entry holding a record's summary. */
export function summaryEntry(stamp: FileStamp, summary: RunSummary): IndexEntry {
  return { size: stamp.size, mtimeMs: stamp.mtimeMs, summary };
}
