import { readFile } from 'node:fs/promises';
import { RecordError } from '../errors.ts';
import { formatZodIssues } from '../format-zod-issues.ts';
import { type RunRecord, RunRecordSchema, RUN_RECORD_VERSION } from '../records/run-record.ts';
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
  const json = parseUpgraded(text, source);
  const parsed = RunRecordSchema.safeParse(json);
  if (!parsed.success) {
    throw new RecordError(`Run record ${source} does not match the run record schema:\n${formatZodIssues(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * Parse run record JSON text into its summary: the per-case data is dropped before validation, which is most of a
 * record's validation time (the history index reads every record once this way). The cases are validated whenever a
 * record is read whole.
 */
export function parseRunSummaryText(text: string, source: string): RunSummary {
  const json = parseUpgraded(text, source) as { datasets?: unknown };
  if (json !== null && typeof json === 'object' && json.datasets !== null && typeof json.datasets === 'object') {
    for (const dataset of Object.values(json.datasets as Record<string, unknown>)) {
      if (dataset !== null && typeof dataset === 'object') delete (dataset as { cases?: unknown }).cases;
    }
  }
  const parsed = RunSummarySchema.safeParse(json);
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
