import { stat } from 'node:fs/promises';
import { ConfigError } from '../../shared/errors.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import { type InvalidRunFile, listRuns, readRunRecord } from './store.ts';

/** Options of loadBaseline. */
export interface BaselineOptions {
  /** Explicit baseline: a run record file, or a results directory to search (e.g. main's results artifact). @default env.EVAL_BASELINE */
  file?: string;
  /** Results directory whose history is searched when no file is given. */
  resultsDir: string;
  /** Branch whose runs count as baselines when searching history. @default 'main' */
  branch?: string;
  /** Only runs of this Vitest project. */
  project: string;
  /** Only runs of this preset; any preset when omitted. */
  preset?: string;
  /** Only runs with this `simulated` flag (pass the gated run's flag: real and simulated runs never compare). Any when omitted. */
  simulated?: boolean;
  /** Never pick this run (the run being gated). */
  excludeRunId?: string;
  /** Environment to read `EVAL_BASELINE` from. @default process.env */
  env?: Record<string, string | undefined>;
}

/** A loaded baseline and where it came from. */
export interface Baseline {
  record: RunRecord;
  path: string;
  source: 'file' | 'history';
  /** History files skipped while searching (invalid JSON, schema mismatch). */
  skipped: InvalidRunFile[];
}

/** Default branch whose runs are baselines. */
export const DEFAULT_BASELINE_BRANCH = 'main';

/**
 * Find the baseline run: `file` / `EVAL_BASELINE` when set (a run record, read strictly; or a results directory,
 * searched without the branch filter), else the newest complete run on `branch` for the same project (and preset).
 * Returns null when history holds no such run.
 */
export async function loadBaseline(options: BaselineOptions): Promise<Baseline | null> {
  const env = options.env ?? process.env;
  const explicit = options.file?.trim() || env.EVAL_BASELINE?.trim() || undefined;
  if (explicit !== undefined) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(explicit)).isDirectory();
    } catch (error) {
      throw new ConfigError(
        `\`EVAL_BASELINE\` points to ${explicit}, which cannot be read (${(error as Error).message}); expected a run record file or a results directory.`,
        { cause: error },
      );
    }
    if (!isDirectory) return { record: await readRunRecord(explicit), path: explicit, source: 'file', skipped: [] };
    return findInHistory(explicit, { ...options, branch: undefined });
  }
  return findInHistory(options.resultsDir, { ...options, branch: options.branch ?? DEFAULT_BASELINE_BRANCH });
}

// Newest complete run matching project, preset and (when given) branch.
async function findInHistory(
  resultsDir: string,
  options: Omit<BaselineOptions, 'branch'> & { branch: string | undefined },
): Promise<Baseline | null> {
  const history = await listRuns(resultsDir);
  for (let i = history.runs.length - 1; i >= 0; i--) {
    const { record, path } = history.runs[i]!;
    if (record.status !== 'complete' || record.project !== options.project) continue;
    if (options.preset !== undefined && record.preset !== options.preset) continue;
    if (options.branch !== undefined && record.git.branch !== options.branch) continue;
    if (options.simulated !== undefined && record.simulated !== options.simulated) continue;
    if (record.runId === options.excludeRunId) continue;
    return { record, path, source: 'history', skipped: history.invalid };
  }
  return null;
}
