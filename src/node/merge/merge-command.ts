import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError, RecordError } from '../../shared/errors.ts';
import { readRunRecord } from '../../shared/history/run-record-file.ts';
import { readCaseRecord, type CaseRecord } from '../../shared/records/case-record.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import { makeRunId } from '../history/run-id.ts';
import { RUNS_DIR, writeRunRecord } from '../history/store.ts';
import type { EvalConfig } from '../../shared/config/schema.ts';
import { parseEvalConfig } from '../load-config.ts';
import { renderRunSummary } from '../report/console-render.ts';
import { trackerConfigOf } from '../report/finish-run.ts';
import { appendStepSummary, renderStepSummary, updateTracker, type TrackerConfig } from '../tracker/index.ts';
import { baselineRunIdOf, mergeGates } from './merge-gates.ts';
import { mergeShardRecords, type ShardInput } from './merge-runs.ts';

// `qwen-evals merge <run records...>`: join the shards of one run into one run record in a results folder, with its
// cases file, gates over all the cases, the tracker and the GitHub step summary. Exit 1 when a gate fails, the merged
// run is incomplete, or the records cannot be merged.

/** Usage text of the merge command. */
export const MERGE_USAGE = `Usage: qwen-evals merge <shard run record .json>... [--results <dir>] [--baseline <run record .json>] [--config <file>]

Joins the run records of a run's shards (\`vitest run --shard i/n\` on n hosts) into one run record.
  --results <dir>    results folder the merged run is written to (runs/, cases/, TRACKER.md) [default: EVAL_RESULTS_DIR or results]
  --baseline <path>  baseline run record for the merged run's baseline gates, or a results folder holding the run the shards
                     compared with (what the shards had as EVAL_BASELINE) [default: that run, from <dir>/runs]
  --config <file>    eval config: gate options (minEffect, alpha) and the tracker's model and preset tables [default: qwen-evals.config.ts when present]`;

/** What the command may do outside itself: print, and load a TypeScript module (the eval config). */
export interface MergeIo {
  log: (line: string) => void;
  importModule: (path: string) => Promise<Record<string, unknown>>;
  cwd: string;
  env: Record<string, string | undefined>;
}

// Run the command; returns the process exit code.
export async function runMergeCommand(argv: readonly string[], io: MergeIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.log(MERGE_USAGE);
    return 0;
  }
  let args: ReturnType<typeof parseMergeArgs>;
  try {
    args = parseMergeArgs(argv, io);
  } catch (error) {
    io.log(`qwen-evals merge: ${(error as Error).message}\n\n${MERGE_USAGE}`);
    return 2;
  }
  try {
    return await merge(args, io);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    io.log(`[qwen-evals] cannot merge: ${error.message}`);
    return 1;
  }
}

function parseMergeArgs(argv: readonly string[], io: MergeIo) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { results: { type: 'string' }, baseline: { type: 'string' }, config: { type: 'string' } },
  });
  if (positionals.length === 0) throw new Error('no run records given');
  return {
    files: positionals.map((file) => resolve(io.cwd, file)),
    resultsDir: resolve(io.cwd, values.results ?? io.env.EVAL_RESULTS_DIR ?? 'results'),
    baseline: values.baseline === undefined ? null : resolve(io.cwd, values.baseline),
    config: values.config === undefined ? null : resolve(io.cwd, values.config),
  };
}

async function merge(args: ReturnType<typeof parseMergeArgs>, io: MergeIo): Promise<number> {
  const shards: ShardInput[] = await Promise.all(
    args.files.map(async (file) => {
      const record = await readRunRecord(file);
      return { record, source: file, cases: readShardCases(file, record.runId) };
    }),
  );
  const records = shards.map((s) => s.record);
  const startedAt = new Date(records.map((r) => r.startedAt).sort()[0] ?? Date.now());
  const runId = makeRunId({ project: records[0]?.project ?? 'run', preset: records[0]?.preset ?? 'preset', startedAt });
  const merged = mergeShardRecords(shards, runId);
  const baseline = await findBaseline(args, records);
  const config = await loadConfig(args.config, io);
  const record: RunRecord = { ...merged, gates: mergeGates(merged, records, baseline, config?.gates) };
  const recordPath = await writeRunRecord(args.resultsDir, record);
  const cases = shards.every((s) => s.cases !== null) ? shards.flatMap((s) => s.cases!).map((c) => ({ ...c, runId })) : [];
  const casesPath = join(args.resultsDir, 'cases', `${runId}.jsonl`);
  await mkdir(dirname(casesPath), { recursive: true });
  await writeFile(casesPath, cases.map((c) => `${JSON.stringify(c)}\n`).join(''));
  const tracker = await updateTracker(args.resultsDir, config ? trackerConfigOf(config) : trackerConfigOfRun(record));
  await appendStepSummary(renderStepSummary(record, record.gates), io.env);
  if (records.some((r) => r.benchmarks !== null))
    io.log("[qwen-evals] note: serving benchmarks measure one server each; they stay in the shards' run records, not the merged one");
  io.log(
    `[qwen-evals] merged ${shards.length} shards of ${record.project} (${record.mergedFrom.join(', ')}) into run ${runId}` +
      (baseline ? `, compared with baseline ${baseline.runId} over all cases` : ''),
  );
  const show = (path: string) => (relative(io.cwd, path).startsWith('..') ? path : relative(io.cwd, path));
  for (const line of renderRunSummary({
    record,
    recordPath: show(recordPath),
    trackerPath: show(tracker.path),
    casesPath: show(casesPath),
    cases,
    resumeCommand: 're-run the incomplete shard(s) with EVAL_RESUME, then merge again',
  }))
    io.log(line);
  return record.status === 'complete' && record.gates.every((g) => g.passed) ? 0 : 1;
}

// `<results>/runs/<runId>.json` keeps its cases in `<results>/cases/<runId>.jsonl`; without them latency percentiles are unknown.
function readShardCases(recordFile: string, runId: string): CaseRecord[] | null {
  const file = join(dirname(dirname(recordFile)), 'cases', `${runId}.jsonl`);
  if (basename(dirname(recordFile)) !== RUNS_DIR || !existsSync(file)) return null;
  const byId = new Map<string, CaseRecord>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const record = parseCaseLine(line);
    // A cut-short line (a crash mid-write) and a case retried by a resume: the last complete record counts.
    if (record) byId.set(`${record.dataset}/${record.variant}\0${record.caseId}`, record);
  }
  return [...byId.values()];
}

function parseCaseLine(line: string): CaseRecord | undefined {
  try {
    return line.trim() === '' ? undefined : readCaseRecord(JSON.parse(line));
  } catch {
    return undefined;
  }
}

// A `--baseline` run record; else the run the shards compared with, from the `--baseline` folder or the results folder.
async function findBaseline(args: ReturnType<typeof parseMergeArgs>, shards: readonly RunRecord[]): Promise<RunRecord | null> {
  if (args.baseline && !statSync(args.baseline, { throwIfNoEntry: false })?.isDirectory()) return readRunRecord(args.baseline);
  const id = baselineRunIdOf(shards);
  if (!id) return null;
  const runs = join(args.baseline ?? args.resultsDir, RUNS_DIR);
  const files = existsSync(runs) ? await readdir(runs) : [];
  if (files.includes(`${id}.json`)) return readRunRecord(join(runs, `${id}.json`));
  if (args.baseline)
    throw new RecordError(`The shards compared with run ${id}, but ${runs} has no ${id}.json; give its run record with --baseline <file>.`);
  return null;
}

// `--config`, else `qwen-evals.config.ts` when present: the gate options and the tracker's model and preset tables.
async function loadConfig(path: string | null, io: MergeIo): Promise<EvalConfig | null> {
  const file = path ?? join(io.cwd, 'qwen-evals.config.ts');
  if (path === null && !existsSync(file)) return null;
  const module = await io.importModule(file);
  return parseEvalConfig(module.default, file);
}

// Without a config, the tracker knows the model from the merged run itself.
function trackerConfigOfRun(record: RunRecord): TrackerConfig {
  return { models: [{ key: record.model.key, id: record.model.id, quantization: record.model.quantization }], presets: [] };
}
