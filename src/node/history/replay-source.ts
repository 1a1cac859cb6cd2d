import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplaySource } from '../../shared/context.ts';
import { ConfigError } from '../../shared/errors.ts';
import { readRunRecord } from '../../shared/history/run-record-file.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import { runRecordPath } from './store.ts';

// EVAL_REPLAY names a stored run whose answers are scored again without a server: its run record (the scores to
// compare with, the server that answered) and its case records (the answers) must both be in the results folder,
// and it must be a run of the same model.

/** The replayed run: where its files are and its record. */
export interface ResolvedReplay {
  source: ReplaySource;
  record: RunRecord;
}

// Find and check the run EVAL_REPLAY names; null when it is unset.
export async function resolveReplay(
  value: string | undefined,
  resultsDir: string,
  model: { key: string; id: string },
): Promise<ResolvedReplay | null> {
  if (!value) return null;
  const recordFile = runRecordPath(resultsDir, value);
  const casesFile = join(resultsDir, 'cases', `${value}.jsonl`);
  for (const [file, what] of [
    [recordFile, 'run record'],
    [casesFile, 'case records'],
  ] as const) {
    if (!existsSync(file)) {
      throw new ConfigError(
        `\`EVAL_REPLAY\` is "${value}", expected the id of a run stored under ${resultsDir}; its ${what} ${file} does not exist (run ids are the file names in ${join(resultsDir, 'runs')}).`,
      );
    }
  }
  const record = await readRunRecord(recordFile);
  if (record.model.id !== model.id) {
    throw new ConfigError(
      `\`EVAL_REPLAY\` names run ${value} of ${record.model.id} (project ${record.project}), but this project evaluates ${model.id}; replay it with \`--project ${record.project}\`.`,
    );
  }
  const promptHashes = Object.fromEntries(Object.entries(record.datasets).map(([key, d]) => [key, d.promptHash]));
  return { source: { runId: value, casesFile, recordFile, promptHashes }, record };
}
