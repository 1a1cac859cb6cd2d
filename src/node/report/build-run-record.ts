import type { RunContext, ServerStatus } from '../../shared/context.ts';
import { computeFingerprint, fingerprintPartsOf } from '../../shared/history/fingerprint.ts';
import type { CaseRecord } from '../../shared/records/case-record.ts';
import type { Benchmarks } from '../../shared/records/benchmark.ts';
import { buildDatasetResult } from '../../shared/records/dataset-result.ts';
import type { ServerMetrics } from '../../shared/records/server-metrics.ts';
import {
  RUN_RECORD_VERSION,
  type DatasetResult,
  type GateResult,
  type Performance,
  type RunRecord,
} from '../../shared/records/run-record.ts';
import { readRopeScaling } from '../../shared/records/rope-scaling.ts';
import { datasetKey, type SuiteMeta } from '../../shared/records/suite-meta.ts';
import { BUILTIN_DATASETS } from '../../evals/registry.ts';
import type { DatasetAggregate } from '../../shared/records/aggregate.ts';
import { buildDatasetPerformance } from './dataset-performance.ts';
import { percentiles } from './percentiles.ts';

/** Dispatcher counters read at the end of the run (null when it could not be reached). */
export interface DispatcherSnapshot {
  requests: number;
  completed: number;
  failed: number;
  busyMs: number;
  meanInFlight: number | null;
  /** Requests the response cache answered (older dispatchers: absent). */
  cacheHits?: number;
}

/** Everything a run record is built from. */
export interface RunRecordInput {
  runId: string;
  /** Start of this run (a watch re-run starts when it starts, not when global setup did). */
  startedAt: string;
  run: RunContext;
  /** The server the run used; null when it never started. */
  server: ServerStatus | null;
  suites: SuiteMeta[];
  cases: CaseRecord[];
  /** Gate results, as each suite's gate test computed them. */
  gates: GateResult[];
  reason: 'passed' | 'failed' | 'interrupted';
  /** Why the run stopped early: the server failed (a dead server, or the failure budget spent). */
  serverFailure: string | null;
  finishedAt: Date;
  dispatcher: DispatcherSnapshot | null;
  git: { commit: string | null; branch: string | null };
  gpu: { name: string | null; memoryMiB: number | null };
  /** CPU the harness process used during the run (threads pool: workers included). */
  clientCpuMs: number | null;
  /** Paired comparison with the run this one follows (watch re-run, replay); set after the record is built. */
  comparison?: RunRecord['comparison'];
  /** The serving benchmark the run measured; null for an eval run. */
  benchmarks: Benchmarks | null;
  /** The servers' /metrics and nvidia-smi over the run; null when nothing was sampled. */
  serverMetrics: ServerMetrics | null;
}

// Build the run record from what the reporter collected; gates come from the suites' gate tests.
export function buildRunRecord(input: RunRecordInput): RunRecord {
  const datasets: Record<string, DatasetResult> = {};
  let missing = 0;
  for (const suite of input.suites) {
    const key = datasetKey(suite);
    const cases = input.cases.filter((c) => c.dataset === suite.dataset && c.variant === suite.variant);
    datasets[key] = { ...buildDatasetResult(suite, cases), performance: buildDatasetPerformance(cases) };
    missing += Math.max(0, suite.selected - (cases.length - datasets[key].counts.error));
  }
  const status = input.reason === 'interrupted' ? 'interrupted' : missing > 0 ? 'partial' : 'complete';
  const server = input.server;
  const draft: Omit<RunRecord, 'fingerprint' | 'fingerprintHash'> = {
    schemaVersion: RUN_RECORD_VERSION,
    runId: input.runId,
    status,
    incomplete: incompleteOf(status, missing, input.serverFailure),
    startedAt: input.startedAt,
    finishedAt: input.finishedAt.toISOString(),
    simulation: server?.simulation ?? input.cases.find((c) => c.simulation !== null)?.simulation ?? null,
    project: input.run.project,
    model: {
      key: input.run.model.key,
      id: input.run.model.id,
      revision: input.run.model.revision,
      quantization: input.run.model.quantization,
      reasoning: input.run.model.reasoning,
    },
    preset: input.run.preset,
    shard: input.run.shard,
    mergedFrom: [],
    server: {
      launched: server?.launched ?? false,
      baseUrls: server?.upstreams ?? [],
      command: server?.command ?? null,
      vllmVersion: server?.vllmVersion ?? null,
      logFile: server?.logFile ?? null,
      maxNumSeqs: server?.maxNumSeqs ?? 1,
      gpuName: input.gpu.name,
      quantizationKernel: server?.quantizationKernel ?? null,
      maxModelLen: server?.maxModelLen ?? null,
      ropeScaling: readRopeScaling(server?.command ?? null),
    },
    sampling: input.run.sampling,
    harnessVersion: input.run.harnessVersion,
    git: input.git,
    datasets,
    aggregates: aggregatesOf(datasets),
    performance: buildPerformance(input),
    benchmarks: input.benchmarks,
    serverMetrics: input.serverMetrics,
    gates: input.gates,
    replayOf: input.run.replay?.runId ?? null,
    comparison: input.comparison ?? null,
  };
  const { fingerprint, hash } = computeFingerprint(fingerprintPartsOf(draft));
  return { ...draft, fingerprint, fingerprintHash: hash };
}

// What the built-ins that ran report across their keys (BFCL's overall).
function aggregatesOf(datasets: Record<string, DatasetResult>): DatasetAggregate[] {
  const names = new Set(Object.values(datasets).map((d) => d.dataset));
  return BUILTIN_DATASETS.filter((d) => names.has(d.name)).flatMap((d) => d.aggregate?.(datasets) ?? []);
}

function incompleteOf(status: RunRecord['status'], missing: number, serverFailure: string | null): RunRecord['incomplete'] {
  if (status === 'interrupted') return { reason: 'interrupted', message: `stopped before ${missing} selected case(s) finished` };
  if (status === 'complete') return null;
  if (serverFailure) return { reason: 'server-failed', message: serverFailure };
  return { reason: 'cases-failed', message: `${missing} selected case(s) did not finish` };
}

// What the server did in this run: answers from the response cache and replayed answers cost it nothing, so their
// tokens, latencies and time to first token are left out.
function buildPerformance(input: RunRecordInput): Performance {
  const ok = input.cases.filter((c) => c.verdict !== 'error' && c.replayOf === undefined);
  const promptTokens = sum(ok.map((c) => (c.usage.promptTokens ?? 0) - (c.cache?.promptTokens ?? 0)));
  const completionTokens = sum(ok.map((c) => (c.usage.completionTokens ?? 0) - (c.cache?.completionTokens ?? 0)));
  const asked = ok.filter((c) => c.cache === undefined);
  const busyMs = input.dispatcher?.busyMs ?? 0;
  const perSecond = (n: number) => (busyMs > 0 ? (n * 1000) / busyMs : null);
  const ttfts = asked.map((c) => c.timing.ttftMs).filter((t): t is number => t !== null);
  return {
    wallMs: busyMs,
    requests: input.dispatcher?.completed ?? sum(ok.map((c) => c.timing.requests - (c.cache?.hits ?? 0))),
    failedRequests: input.dispatcher?.failed ?? 0,
    promptTokens,
    completionTokens,
    requestsPerSec: perSecond(input.dispatcher?.completed ?? 0),
    outputTokensPerSec: perSecond(completionTokens),
    ttftMs: percentiles(ttfts),
    latencyMs: percentiles(asked.map((c) => c.timing.latencyMs)),
    meanInFlight: input.dispatcher?.meanInFlight ?? null,
    inFlightLimit: input.run.inFlightLimit,
    clientCpuMs: input.clientCpuMs,
    gpuMemoryMiB: input.gpu.memoryMiB,
    cacheHits: input.dispatcher?.cacheHits ?? sum(input.cases.map((c) => c.cache?.hits ?? 0)),
  };
}

function sum(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
