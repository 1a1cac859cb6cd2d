import { stat } from 'node:fs/promises';
import path from 'node:path';
import { EvalEnvSchema, parseEnvWith } from '../../shared/config/env.ts';
import type { BaselineCandidate, BaselinePlan } from '../../shared/context.ts';
import { ConfigError } from '../../shared/errors.ts';
import { readRunRecord } from '../../shared/history/run-record-file.ts';
import { gatesPassed, type RunRecord } from '../../shared/records/run-record.ts';
import type { RunSummary } from '../../shared/records/run-summary.ts';
import { listRunSummaries } from './store.ts';

// Which runs the baseline gate may compare with. Global setup (main process) builds the plan; each eval suite's
// gate (worker) takes the newest candidate that covers every case it ran, so a partial run never stands in for a
// full one, a run that failed its gates never becomes the baseline (no regression ratchet), and real and simulated
// runs never stand in for each other.

/** Options of planBaseline. */
export interface BaselineOptions {
  /** Results directory whose history is searched when `EVAL_BASELINE` is unset. */
  resultsDir: string;
  /** Branch whose runs count as baselines. @default 'main' */
  branch?: string;
  /** Only runs of this Vitest project (model). */
  project: string;
  /** Only runs of this preset. */
  preset: string;
  /**
   * The run's simulation mode (null = a real model; undefined = not known yet, checked by each gate). Simulated runs
   * take simulated baselines of any mode, real runs real ones: real and simulated answers are never compared.
   */
  simulation: string | null | undefined;
  /** A reasoning model's parser and thinking switch: only runs with the same ones (thinking on never stands in for off). @default null */
  reasoning?: { parser: string; thinking: boolean } | null;
  /** Never pick this run (the run being gated). */
  excludeRunId?: string;
  /** Environment to read `EVAL_BASELINE` from. @default process.env */
  env?: Record<string, string | undefined>;
}

// EVAL_BASELINE as the harness's environment schema reads it (trimmed; empty means unset).
const BaselineEnvSchema = EvalEnvSchema.pick({ EVAL_BASELINE: true });

/** Default branch whose runs are baselines. */
export const DEFAULT_BASELINE_BRANCH = 'main';

/**
 * The baseline plan: `EVAL_BASELINE` when set (a run record file, used as it is; or a results folder, searched
 * without the branch filter), else the history of `resultsDir` on `branch`. Candidates are newest first and are
 * complete runs of the same project, preset, simulation mode and thinking switch whose gates all passed.
 */
export async function planBaseline(options: BaselineOptions): Promise<BaselinePlan> {
  const explicit = parseEnvWith(BaselineEnvSchema, options.env ?? process.env).EVAL_BASELINE;
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
    if (!isDirectory) {
      const record = await readRunRecord(explicit);
      return { source: 'file', description: `EVAL_BASELINE=${explicit}`, candidates: [candidateOf(record, explicit)] };
    }
    return {
      source: 'folder',
      description: `EVAL_BASELINE=${explicit}`,
      candidates: await findCandidates(explicit, { ...options, branch: undefined }),
    };
  }
  const branch = options.branch ?? DEFAULT_BASELINE_BRANCH;
  const relative = path.relative(process.cwd(), options.resultsDir);
  const where = path.join(relative.startsWith('..') ? options.resultsDir : relative || '.', 'runs');
  return {
    source: 'history',
    description: `${where} on branch ${branch}`,
    candidates: await findCandidates(options.resultsDir, { ...options, branch }),
  };
}

// Runs that may serve as baselines, newest first.
async function findCandidates(
  resultsDir: string,
  options: Omit<BaselineOptions, 'branch'> & { branch: string | undefined },
): Promise<BaselineCandidate[]> {
  const history = await listRunSummaries(resultsDir);
  const candidates: BaselineCandidate[] = [];
  for (let i = history.runs.length - 1; i >= 0; i--) {
    const { record, path: file } = history.runs[i]!;
    if (record.status !== 'complete' || !gatesPassed(record)) continue;
    if (record.project !== options.project || record.preset !== options.preset) continue;
    if (options.simulation !== undefined && (record.simulation === null) !== (options.simulation === null)) continue;
    if (!sameReasoning(record.model.reasoning, options.reasoning ?? null)) continue;
    if (options.branch !== undefined && record.git.branch !== options.branch) continue;
    if (record.runId === options.excludeRunId) continue;
    candidates.push(candidateOf(record, file));
  }
  return candidates;
}

function sameReasoning(a: RunRecord['model']['reasoning'], b: BaselineOptions['reasoning']): boolean {
  return a?.parser === b?.parser && a?.thinking === b?.thinking;
}

function candidateOf(record: RunSummary, file: string): BaselineCandidate {
  const datasets: Record<string, number> = {};
  for (const [key, dataset] of Object.entries(record.datasets)) datasets[key] = dataset.counts.cases - dataset.counts.error;
  return { runId: record.runId, path: path.resolve(file), startedAt: record.startedAt, datasets };
}
