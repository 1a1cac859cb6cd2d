import { readFile } from 'node:fs/promises';
import { RecordError } from '../errors.ts';
import { formatZodIssues } from '../format-zod-issues.ts';
import { z } from 'zod';
import { type DatasetResult, type RunRecord, RunCaseSchema, RunRecordSchema, RUN_RECORD_VERSION } from '../records/run-record.ts';
import { type RunSummary, RunSummarySchema } from '../records/run-summary.ts';
import { upgradeRunRecord } from '../records/upgrade.ts';

// Reading run record files: strict (throws RecordError naming the file and every issue), upgrading older schema
// versions on the way. Writing and listing the history is the main process's (src/node/history/store.ts).

/** Read a run record's summary (see parseRunSummaryText). */
export async function readRunSummary(file: string): Promise<RunSummary> {
  return parseRunSummaryText(await readText(file), file);
}

/** Read a run record strictly: throws RecordError naming the file and every schema issue. */
export async function readRunRecord(file: string): Promise<RunRecord> {
  return parseRunRecordText(await readText(file), file);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new RecordError(`Cannot read run record ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Parse run record JSON text; `source` names the file in error messages. */
export function parseRunRecordText(text: string, source: string): RunRecord {
  return validate(RunRecordSchema, parseUpgraded(text, source), source);
}

/**
 * Parse run record JSON text into its summary: the per-case data is dropped before validation, which is most of a
 * record's validation time (the history index reads every record once this way). The cases are validated whenever a
 * record is read whole.
 */
export function parseRunSummaryText(text: string, source: string): RunSummary {
  const json = parseUpgraded(text, source);
  takeCases(json);
  return validate(RunSummarySchema, json, source);
}

/**
 * What a comparison reads of a case (verdict, scores, units, error, hashes): the answer's extracted and expected
 * texts are left out unvalidated, which halves the cost of reading the cases of a run record.
 */
const ComparedCasesSchema = z.record(z.string(), RunCaseSchema.omit({ extracted: true, expected: true }));

/** A run's summary, and the per-case data of any of its datasets as a comparison reads it. */
export interface ComparedRun {
  summary: RunSummary;
  /** The cases of dataset `key`, validated (ComparedCasesSchema) on first use; undefined when the run lacks it. */
  cases(key: string): DatasetResult['cases'] | undefined;
}

/**
 * Read a run record for paired comparisons: its summary now, each dataset's cases when asked (a baseline gate, the
 * unstable-case search and the tracker's comparisons read the newest runs of a long history, most often for one
 * dataset of many). Throws RecordError like readRunRecord, from `cases` for a dataset whose cases are invalid.
 */
export async function readComparedRun(file: string): Promise<ComparedRun> {
  const json = parseUpgraded(await readText(file), file);
  const raw = takeCases(json);
  const summary = validate(RunSummarySchema, json, file);
  const validated = new Map<string, DatasetResult['cases']>();
  return {
    summary,
    cases(key) {
      if (!raw.has(key)) return undefined;
      let cases = validated.get(key);
      if (cases === undefined) {
        cases = validate(ComparedCasesSchema, raw.get(key), `${file} (cases of ${key})`);
        validated.set(key, cases);
        raw.set(key, null);
      }
      return cases;
    },
  };
}

// Take the per-case data out of a parsed record's datasets (unvalidated), by dataset key.
function takeCases(json: unknown): Map<string, unknown> {
  const taken = new Map<string, unknown>();
  const datasets = (json as { datasets?: unknown } | null)?.datasets;
  if (datasets === null || typeof datasets !== 'object') return taken;
  for (const [key, dataset] of Object.entries(datasets as Record<string, unknown>)) {
    if (dataset === null || typeof dataset !== 'object') continue;
    taken.set(key, (dataset as { cases?: unknown }).cases);
    delete (dataset as { cases?: unknown }).cases;
  }
  return taken;
}

function validate<T>(schema: z.ZodType<T>, json: unknown, source: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new RecordError(`Run record ${source} does not match the run record schema:\n${formatZodIssues(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

// JSON, upgraded from older record versions, of the version this harness reads.
function parseUpgraded(text: string, source: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RecordError(`Run record ${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  json = upgradeRunRecord(json);
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== undefined && version !== RUN_RECORD_VERSION) {
    throw new RecordError(
      `Run record ${source} has schemaVersion ${JSON.stringify(version)}; this harness reads schemaVersion ${RUN_RECORD_VERSION}.`,
    );
  }
  return json;
}
