import { readFile } from 'node:fs/promises';
import { RecordError } from '../errors.ts';
import { formatZodIssues } from '../format-zod-issues.ts';
import { type RunRecord, RunRecordSchema, RUN_RECORD_VERSION } from '../records/run-record.ts';
import { upgradeRunRecord } from '../records/upgrade.ts';

// Reading run record files: strict (throws RecordError naming the file and every issue), upgrading older schema
// versions on the way. Writing and listing the history is the main process's (src/node/history/store.ts).

/** Read a run record strictly: throws RecordError naming the file and every schema issue. */
export async function readRunRecord(file: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new RecordError(`Cannot read run record ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseRunRecordText(text, file);
}

/** Parse run record JSON text; `source` names the file in error messages. */
export function parseRunRecordText(text: string, source: string): RunRecord {
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
  const parsed = RunRecordSchema.safeParse(json);
  if (!parsed.success) {
    throw new RecordError(`Run record ${source} does not match the run record schema:\n${formatZodIssues(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
