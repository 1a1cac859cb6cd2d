import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvalConfig } from '../../shared/config/schema.ts';
import { type GateHistory, GateHistorySchema, ServerStatusSchema, type RunContext, type ServerStatus } from '../../shared/context.ts';
import type { CaseRecord } from '../../shared/records/case-record.ts';
import type { GateResult, RunRecord } from '../../shared/records/run-record.ts';
import type { SuiteMeta } from '../../shared/records/suite-meta.ts';
import { pairingSides, pairRuns, type PairingSide } from '../../shared/history/pair-runs.ts';
import { readRunRecord } from '../../shared/history/run-record-file.ts';
import { ServerMetricsSchema, type ServerMetrics } from '../../shared/records/server-metrics.ts';
import { writeRunRecord } from '../history/store.ts';
import { resolveVariants, selectedBuiltins } from '../../evals/registry.ts';
import { appendStepSummary, renderStepSummary, updateTracker, TRACKER_FILE, type TrackerConfig } from '../tracker/index.ts';
import { buildRunRecord, type DispatcherSnapshot } from './build-run-record.ts';
import { readGitInfo, readGpuInfo } from './environment-info.ts';

const CONTROL_TIMEOUT_MS = 5_000;

/** What the reporter collected for one model project's run. */
export interface FinishRunInput {
  runId: string;
  startedAt: string;
  run: RunContext;
  config: EvalConfig;
  suites: SuiteMeta[];
  cases: CaseRecord[];
  gates: GateResult[];
  reason: 'passed' | 'failed' | 'interrupted';
  clientCpuMs: number | null;
  /** A watch re-run: each dataset's result in the session's previous run, and the file whose change triggered it. */
  watch?: { previous: ReadonlyMap<string, PairingSide>; trigger: string | null } | null;
  /** The serving benchmark, when the run was one. */
  benchmarks: RunRecord['benchmarks'];
}

/** Where the run's files went. */
export interface FinishedRun {
  record: RunRecord;
  recordPath: string;
  trackerPath: string;
}

/** What the dispatcher's control endpoint reports at the end of a run (counters reset for a watch re-run). */
interface RunEndReport {
  server: ServerStatus | null;
  dispatcher: DispatcherSnapshot | null;
  simulator: Record<string, unknown> | null;
  /** The servers' /metrics and nvidia-smi over the run. */
  serverMetrics: ServerMetrics | null;
  /** Why the server stopped answering (died, or the failure budget was spent); null when it did not. */
  serverFailure: string | null;
  /** Unstable case ids per dataset key, as the gates read them (none when the history could not be read). */
  unstable: GateHistory['unstable'];
}

// Turn one model project's collected cases into its run record, then the history's tracker and the step summary.
export async function finishRun(input: FinishRunInput): Promise<FinishedRun> {
  const [report, git, gpu] = await Promise.all([readRunEnd(input.run.dispatcherUrl), readGitInfo(process.cwd()), readGpuInfo()]);
  const built = buildRunRecord({
    ...input,
    server: report.server,
    serverFailure: report.serverFailure,
    finishedAt: new Date(),
    dispatcher: report.dispatcher,
    git,
    gpu,
    serverMetrics: report.serverMetrics,
  });
  const record = { ...built, comparison: await pairWithPrevious(input, built, report.unstable) };
  const recordPath = await writeRunRecord(input.run.resultsDir, record);
  if (report.simulator) await writeSimulatorStats(input.run.resultsDir, record.runId, report.simulator);
  const tracker = await updateTracker(input.run.resultsDir, trackerConfigOf(input.config));
  await appendStepSummary(renderStepSummary(record, record.gates));
  return { record, recordPath, trackerPath: tracker.path ?? join(input.run.resultsDir, TRACKER_FILE) };
}

// A replay is paired with the run it replays, a watch re-run with the session's previous run of each dataset.
async function pairWithPrevious(
  input: FinishRunInput,
  record: RunRecord,
  unstable: GateHistory['unstable'],
): Promise<RunRecord['comparison']> {
  const { replay } = input.run;
  if (replay) {
    const replayed = await readRunRecord(replay.recordFile).catch(() => null);
    return replayed ? pairRuns(pairingSides(replayed), record, { kind: 'replay', unstable }) : null;
  }
  if (!input.watch) return null;
  return pairRuns(input.watch.previous, record, { kind: 'watch', trigger: input.watch.trigger, unstable });
}

// One request to the run's dispatcher; an unreachable dispatcher (already closed) leaves the facts unknown.
async function readRunEnd(dispatcherUrl: string): Promise<RunEndReport> {
  try {
    const response = await fetch(`${dispatcherUrl}/_eval/run-end`, { method: 'POST', signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = (await response.json()) as RunEndReport;
    const metrics = ServerMetricsSchema.safeParse(body.serverMetrics);
    return {
      ...body,
      server: body.server ? ServerStatusSchema.parse(body.server) : null,
      serverMetrics: metrics.success ? metrics.data : null,
      unstable: GateHistorySchema.shape.unstable.catch({}).parse(body.unstable),
    };
  } catch {
    return { server: null, dispatcher: null, simulator: null, serverMetrics: null, serverFailure: null, unstable: {} };
  }
}

// The tracker's view of the config: models with what the tracker shows of them, presets with their settings.
export function trackerConfigOf(config: EvalConfig): TrackerConfig {
  return {
    models: Object.entries(config.models).map(([key, m]) => ({
      key,
      id: m.id,
      ...(m.sizeB !== undefined ? { sizeB: m.sizeB } : {}),
      ...(m.contextLength !== undefined ? { contextLength: m.contextLength } : {}),
      ...(m.license !== undefined ? { license: m.license } : {}),
      quantization: m.quantization ?? null,
    })),
    presets: Object.entries(config.presets).map(([name, p]) => ({
      name,
      gpuMemoryUtilization: p.gpuMemoryUtilization,
      maxNumSeqs: p.maxNumSeqs,
      prefixCaching: p.prefixCaching,
    })),
    defaultPreset: config.defaultPreset,
    datasets: selectedDatasetKeys(config),
  };
}

// Dataset keys (`gsm8k/0shot`) of the built-ins the config selects, for the tracker's coverage list.
function selectedDatasetKeys(config: EvalConfig): string[] {
  const variants = resolveVariants(config.variants);
  return selectedBuiltins(config.evals).flatMap((d) => (variants[d.name] ?? d.defaultVariants).map((variant) => `${d.name}/${variant}`));
}

async function writeSimulatorStats(resultsDir: string, runId: string, stats: Record<string, unknown>): Promise<void> {
  const dir = join(resultsDir, 'simulation');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${runId}.stats.json`), `${JSON.stringify(stats, null, 2)}\n`);
}
