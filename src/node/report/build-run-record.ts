import type { RunContext, ServerContext } from '../../runtime/context.ts';
import type { CaseRecord } from '../../shared/records/case-record.ts';
import {
  RUN_RECORD_VERSION,
  type DatasetResult,
  type Performance,
  type RunCase,
  type RunRecord,
} from '../../shared/records/run-record.ts';
import { datasetKey, type SuiteMeta } from '../../shared/records/suite-meta.ts';
import { summarizeMetric } from '../../shared/stats/summarize.ts';
import { percentiles } from './percentiles.ts';

/** Dispatcher counters read at the end of the run (null when it could not be reached). */
export interface DispatcherSnapshot {
  requests: number;
  completed: number;
  failed: number;
  busyMs: number;
  meanInFlight: number | null;
}

export interface RunRecordInput {
  runId: string;
  run: RunContext;
  server: ServerContext;
  suites: SuiteMeta[];
  cases: CaseRecord[];
  reason: 'passed' | 'failed' | 'interrupted';
  finishedAt: Date;
  dispatcher: DispatcherSnapshot | null;
  harnessVersion: string;
  git: { commit: string | null; branch: string | null };
  gpu: { name: string | null; memoryMiB: number | null };
  /** CPU the harness process used during the run (threads pool: workers included). */
  clientCpuMs: number | null;
  fingerprint: { fingerprint: RunRecord['fingerprint']; hash: string };
}

// Build the run record from what the reporter collected; gates are added by the caller.
export function buildRunRecord(input: RunRecordInput): RunRecord {
  const datasets: Record<string, DatasetResult> = {};
  for (const suite of input.suites) {
    const key = datasetKey(suite);
    const cases = input.cases.filter((c) => c.dataset === suite.dataset && c.variant === suite.variant);
    datasets[key] = buildDatasetResult(suite, cases);
  }
  const incomplete = input.suites.some((s) => {
    const done = datasets[datasetKey(s)]!;
    return done.counts.cases - done.counts.error < s.selected;
  });
  return {
    schemaVersion: RUN_RECORD_VERSION,
    runId: input.runId,
    status: input.reason === 'interrupted' ? 'interrupted' : incomplete ? 'partial' : 'complete',
    startedAt: input.run.startedAt,
    finishedAt: input.finishedAt.toISOString(),
    simulated: input.server.simulated,
    project: input.run.modelKey,
    model: {
      key: input.run.modelKey,
      id: input.run.modelId,
      revision: input.run.revision,
      quantization: input.run.quantization,
    },
    preset: input.run.preset,
    server: {
      launched: input.server.launched,
      baseUrls: input.server.upstreams,
      command: input.server.command,
      vllmVersion: input.server.vllmVersion,
      logFile: input.server.logFile,
      maxNumSeqs: input.server.maxNumSeqs,
      gpuName: input.gpu.name,
    },
    sampling: input.run.sampling,
    harnessVersion: input.harnessVersion,
    git: input.git,
    fingerprint: input.fingerprint.fingerprint,
    fingerprintHash: input.fingerprint.hash,
    datasets,
    performance: buildPerformance(input),
    gates: [],
  };
}

function buildDatasetResult(suite: SuiteMeta, cases: CaseRecord[]): DatasetResult {
  const metrics: DatasetResult['metrics'] = {};
  const scored = cases.filter((c) => c.verdict !== 'error');
  for (const spec of suite.metricSpecs) {
    metrics[spec.name] = summarizeMetric(spec, scored.map((c) => c.scores[spec.name] ?? null));
  }
  const count = (verdict: CaseRecord['verdict']) => cases.filter((c) => c.verdict === verdict).length;
  const entries: Record<string, RunCase> = {};
  for (const c of cases) {
    entries[c.caseId] = {
      verdict: c.verdict,
      scores: c.scores,
      extracted: c.extracted,
      expected: c.expected,
      ...(c.error ? { error: c.error } : {}),
    };
  }
  return {
    dataset: suite.dataset,
    variant: suite.variant,
    label: suite.label,
    primaryMetric: suite.primaryMetric,
    metricSpecs: suite.metricSpecs,
    metrics,
    counts: {
      cases: cases.length,
      correct: count('correct'),
      wrong: count('wrong'),
      unparseable: count('unparseable'),
      graded: count('graded'),
      error: count('error'),
    },
    datasetSize: suite.datasetSize,
    pins: suite.pins,
    promptHash: suite.promptHash,
    judge: suite.judge,
    cases: entries,
  };
}

function buildPerformance(input: RunRecordInput): Performance {
  const ok = input.cases.filter((c) => c.verdict !== 'error');
  const promptTokens = sum(ok.map((c) => c.usage.promptTokens));
  const completionTokens = sum(ok.map((c) => c.usage.completionTokens));
  const busyMs = input.dispatcher?.busyMs ?? 0;
  const perSecond = (n: number) => (busyMs > 0 ? (n * 1000) / busyMs : null);
  const ttfts = ok.map((c) => c.timing.ttftMs).filter((t): t is number => t !== null);
  return {
    wallMs: busyMs,
    requests: input.dispatcher?.completed ?? sum(ok.map((c) => c.timing.requests)),
    failedRequests: input.dispatcher?.failed ?? 0,
    promptTokens,
    completionTokens,
    requestsPerSec: perSecond(input.dispatcher?.completed ?? 0),
    outputTokensPerSec: perSecond(completionTokens),
    ttftMs: percentiles(ttfts),
    latencyMs: percentiles(ok.map((c) => c.timing.latencyMs)),
    meanInFlight: input.dispatcher?.meanInFlight ?? null,
    inFlightLimit: input.server.inFlightLimit,
    clientCpuMs: input.clientCpuMs,
    gpuMemoryMiB: input.gpu.memoryMiB,
  };
}

function sum(values: number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
