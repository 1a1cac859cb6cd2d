// Hand-made run records for the stats, history, gates and tracker tests.
import type { MetricKind } from '../../../src/shared/records/metric.ts';
import type { DatasetResult, GateResult, Performance, RunRecord } from '../../../src/shared/records/run-record.ts';
import { computeFingerprint, fingerprintPartsOf } from '../../../src/shared/history/fingerprint.ts';
import { summarizeMetric } from '../../../src/shared/stats/summarize.ts';

export interface DatasetFixture {
  dataset?: string;
  variant?: string;
  metric?: string;
  kind?: MetricKind;
  range?: [number, number];
  /** Per-case scores of the primary metric, by case id (an array is keyed '0', '1', …). */
  scores: Record<string, number | null> | Array<number | null>;
  /** Extra metrics: name -> per-case scores (same ids). */
  extra?: Record<string, Array<number | null>>;
  datasetSize?: number | null;
  promptHash?: string;
  judge?: string | null;
  /** Who the judge is (default an external endpoint). */
  judgeSource?: 'self' | 'external' | 'scripted';
  unparseable?: number;
  reasoning?: DatasetResult['reasoning'];
}

/** Build a dataset result whose metrics are summarised from the given per-case scores. */
export function makeDataset(f: DatasetFixture): DatasetResult {
  const dataset = f.dataset ?? 'gsm8k';
  const variant = f.variant ?? '0shot';
  const metric = f.metric ?? 'strict';
  const kind = f.kind ?? 'proportion';
  const range = f.range ?? [0, 1];
  const entries = Array.isArray(f.scores) ? f.scores.map((s, i) => [String(i), s] as const) : Object.entries(f.scores);
  const cases: DatasetResult['cases'] = {};
  for (const [id, score] of entries) {
    const scores: Record<string, number | null> = { [metric]: score };
    for (const [name, values] of Object.entries(f.extra ?? {})) scores[name] = values[Number(id)] ?? null;
    cases[id] = {
      verdict: score === null ? 'error' : kind === 'mean' ? 'graded' : score >= 0.5 ? 'correct' : 'wrong',
      scores,
    };
  }
  const metricSpecs = [
    { name: metric, kind, description: `${metric} metric`, range },
    ...Object.keys(f.extra ?? {}).map((name) => ({ name, kind, description: `${name} metric`, range })),
  ];
  const metrics: DatasetResult['metrics'] = {};
  for (const spec of metricSpecs)
    metrics[spec.name] = summarizeMetric(
      spec,
      Object.values(cases).map((c) => c.scores[spec.name] ?? null),
    );
  const values = entries.map(([, s]) => s);
  return {
    dataset,
    variant,
    label: `${dataset} (${variant})`,
    primaryMetric: metric,
    metricSpecs,
    metrics,
    counts: {
      cases: values.length,
      correct: kind === 'proportion' ? values.filter((s) => s !== null && s >= 0.5).length : 0,
      wrong: kind === 'proportion' ? values.filter((s) => s !== null && s < 0.5).length : 0,
      unparseable: f.unparseable ?? 0,
      graded: kind === 'mean' ? values.filter((s) => s !== null).length : 0,
      error: values.filter((s) => s === null).length,
    },
    datasetSize: f.datasetSize === undefined ? values.length : f.datasetSize,
    pins: [{ repository: `example/${dataset}`, commit: 'abc123', path: `${dataset}.jsonl`, sha256: `sha-${dataset}` }],
    promptHash: f.promptHash ?? `prompt-${dataset}-${variant}`,
    judge: f.judge ? { model: f.judge, baseUrl: 'http://127.0.0.1:8001/v1', source: f.judgeSource ?? 'external' } : null,
    quality: { truncated: 0, overLength: 0, capped: 0, retries: 0, contextLength: 0, usageMissing: 0 },
    reasoning: f.reasoning ?? null,
    cases,
  };
}

/** `n` case scores with `correct` ones first: [1, 1, …, 0, 0]. */
export function binaryScores(n: number, correct: number): number[] {
  return Array.from({ length: n }, (_, i) => (i < correct ? 1 : 0));
}

export interface RunFixture {
  runId?: string;
  startedAt?: string;
  status?: RunRecord['status'];
  /** Simulation mode (`gold`, `mix:0.3`); absent = a real model. */
  simulation?: string | null;
  project?: string;
  modelKey?: string;
  modelId?: string;
  revision?: string | null;
  quantization?: string | null;
  preset?: string;
  branch?: string | null;
  harnessVersion?: string;
  temperature?: number;
  gpuName?: string | null;
  datasets?: DatasetResult[];
  performance?: Partial<Performance>;
  gates?: GateResult[];
  replayOf?: string | null;
  comparison?: RunRecord['comparison'];
  shard?: RunRecord['shard'];
  benchmarks?: RunRecord['benchmarks'];
  serverMetrics?: RunRecord['serverMetrics'];
  reasoning?: RunRecord['model']['reasoning'];
}

let counter = 0;
/** Default start of the first fixture run; each later run starts a minute after the one before, so order by time is creation order. */
const FIRST_START_MS = Date.parse('2026-11-27T10:00:00.000Z');

/** Build a schema-valid run record with a real fingerprint. */
export function makeRun(f: RunFixture = {}): RunRecord {
  counter++;
  const startedAt = f.startedAt ?? new Date(FIRST_START_MS + counter * 60_000).toISOString();
  const modelKey = f.modelKey ?? 'qwen2_5_7b';
  const modelId = f.modelId ?? 'Qwen/Qwen2.5-7B-Instruct';
  const preset = f.preset ?? 'default';
  const datasets: Record<string, DatasetResult> = {};
  for (const d of f.datasets ?? [makeDataset({ scores: binaryScores(10, 8) })]) datasets[`${d.dataset}/${d.variant}`] = d;
  const run: RunRecord = {
    schemaVersion: 3,
    runId: f.runId ?? `${startedAt.replace(/[:.]/g, '-')}_${modelKey}_${preset}_${String(counter).padStart(4, '0')}`,
    status: f.status ?? 'complete',
    incomplete: null,
    startedAt,
    finishedAt: startedAt,
    simulation: f.simulation ?? null,
    project: f.project ?? modelKey,
    model: {
      key: modelKey,
      id: modelId,
      revision: f.revision === undefined ? 'rev1' : f.revision,
      quantization: f.quantization ?? null,
      reasoning: f.reasoning ?? null,
    },
    preset,
    shard: f.shard ?? null,
    mergedFrom: [],
    server: {
      launched: true,
      baseUrls: ['http://127.0.0.1:8000/v1'],
      command: ['vllm', 'serve', modelId, '--port', '8000', '--max-num-seqs', '64'],
      vllmVersion: '0.21.0',
      logFile: null,
      maxNumSeqs: 64,
      gpuName: f.gpuName === undefined ? 'NVIDIA H100 80GB HBM3' : f.gpuName,
      quantizationKernel: null,
      ropeScaling: null,
    },
    sampling: { temperature: f.temperature ?? 0, topP: 1, seed: 0, maxTokens: 2048 },
    harnessVersion: f.harnessVersion ?? '0.1.0',
    git: { commit: 'deadbeef', branch: f.branch === undefined ? 'main' : f.branch },
    fingerprint: {},
    fingerprintHash: '',
    datasets,
    performance: {
      wallMs: 60_000,
      requests: 10,
      failedRequests: 0,
      promptTokens: 1000,
      completionTokens: 5000,
      requestsPerSec: 2,
      outputTokensPerSec: 1000,
      ttftMs: { mean: 110, p50: 100, p90: 180, p99: 250 },
      latencyMs: { mean: 2100, p50: 2000, p90: 3000, p99: 4000 },
      meanInFlight: 6.5,
      inFlightLimit: 8,
      clientCpuMs: null,
      gpuMemoryMiB: 70_000,
      cacheHits: 0,
      ...f.performance,
    },
    benchmarks: f.benchmarks ?? null,
    serverMetrics: f.serverMetrics ?? null,
    gates: f.gates ?? [],
    replayOf: f.replayOf ?? null,
    comparison: f.comparison ?? null,
  };
  const { fingerprint, hash } = computeFingerprint(fingerprintPartsOf(run));
  return { ...run, fingerprint, fingerprintHash: hash };
}
