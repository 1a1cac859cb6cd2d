import { compareDatasetMetric } from '../../shared/gates/compare.ts';
import type { BenchPoint } from '../../shared/records/benchmark.ts';
import type { DatasetResult } from '../../shared/records/run-record.ts';
import type { RunSummary } from '../../shared/records/run-summary.ts';
import type { Interval } from '../../shared/stats/interval.ts';
import { type Spread, spreadOf, spreadsApart } from '../../shared/stats/spread.ts';
import { compareRuns } from '../history/store.ts';
import { type CaseLookup, withCases } from './case-lookup.ts';

// Preset recommendation per model, a pure function of the history: each preset's saturated throughput and p99
// latency at a stated load (benchmark runs), its memory, and its accuracy against the reference preset (eval runs);
// then the preset for "throughput" and for "memory", each only when the evidence holds (RULE below).

/** Benchmark runs a preset needs before it can be recommended. */
export const MIN_BENCHMARK_RUNS = 2;
/** Significance under which an accuracy drop disqualifies a preset. */
export const ACCURACY_ALPHA = 0.05;
/** The rule, as the tracker states it. */
export const RECOMMENDATION_RULE =
  `A preset is a candidate with at least ${MIN_BENCHMARK_RUNS} benchmark runs of the same benchmark definition and no significant accuracy drop ` +
  `against the reference preset (paired test, p < ${ACCURACY_ALPHA}). Throughput: the candidate with the highest saturated output throughput, ` +
  'only when the range of its runs lies above every other candidate’s. Memory: the candidate with the smallest footprint (measured peak GPU ' +
  'memory when every candidate has it, with non-overlapping ranges; else the reserved `--gpu-memory-utilization`).';

/** A preset's accuracy on one dataset against the reference preset. */
export interface AccuracyDelta {
  dataset: string;
  metric: string;
  diff: number | null;
  ci: Interval | null;
  p: number | null;
  nPaired: number;
}

/** One preset's row. */
export interface PresetEvidence {
  preset: string;
  benchmarkRuns: number;
  /** Per run: the highest median output tok/s over the sweep of the reference workload. */
  throughput: Spread | null;
  /** Per run: median over repeats of p99 E2EL at the stated concurrency. */
  p99E2elMs: Spread | null;
  /** `--gpu-memory-utilization` of the preset (config); null when not in the config. */
  reservedShare: number | null;
  /** Highest nvidia-smi memory of any GPU per run (benchmark and eval runs); null when never measured. */
  peakMemoryMiB: Spread | null;
  /** Against the reference preset; empty for the reference itself or without shared eval datasets. */
  accuracy: AccuracyDelta[];
  /** A dataset whose accuracy dropped significantly against the reference. */
  accuracyDrop: AccuracyDelta | null;
}

/** The recommendation for one goal, or why there is none. */
export interface Choice {
  preset: string | null;
  reason: string;
}

/** Everything the section shows for one model and server kind. */
export interface ModelRecommendation {
  modelKey: string;
  /** Simulation mode of the benchmark runs; null = real server. */
  simulation: string | null;
  definitionHash: string;
  workload: string;
  /** Concurrency at which p99 latency is compared; null when the presets share no sweep point. */
  statedConcurrency: number | null;
  referencePreset: string;
  presets: PresetEvidence[];
  throughput: Choice;
  memory: Choice;
}

/** Presets as the config knows them. */
export interface RecommendationConfig {
  presets: ReadonlyArray<{ name: string; gpuMemoryUtilization: number }>;
  /** Accuracy is compared with this preset. @default the first preset */
  referencePreset?: string;
  /** Per-case data of the runs compared (accuracy against the reference preset); without it no cases are paired. */
  cases?: CaseLookup;
}

// One recommendation per model and server kind (real, simulated) that has benchmark runs.
export function recommendPresets(runs: readonly RunSummary[], config: RecommendationConfig): ModelRecommendation[] {
  const ordered = [...runs].filter((r) => r.status !== 'interrupted').sort(compareRuns);
  const groups = new Map<string, RunSummary[]>();
  for (const run of ordered) {
    const key = JSON.stringify([run.model.key, run.simulation !== null]);
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const out: ModelRecommendation[] = [];
  for (const group of groups.values()) {
    const newest = group.filter((r) => r.benchmarks).at(-1);
    if (!newest?.benchmarks) continue;
    out.push(recommendForModel(group, newest, config));
  }
  return out.sort((a, b) => a.modelKey.localeCompare(b.modelKey) || Number(a.simulation !== null) - Number(b.simulation !== null));
}

function recommendForModel(group: readonly RunSummary[], newest: RunSummary, config: RecommendationConfig): ModelRecommendation {
  const hash = newest.benchmarks!.definitionHash;
  const workload = newest.benchmarks!.workloads[0]!.name;
  const benchRuns = group.filter((r) => r.benchmarks?.definitionHash === hash);
  const presetNames = [...new Set([...config.presets.map((p) => p.name), ...group.map((r) => r.preset)])].filter((name) =>
    group.some((r) => r.preset === name),
  );
  const reference = config.referencePreset && presetNames.includes(config.referencePreset) ? config.referencePreset : presetNames[0]!;
  const sweeps = presetNames
    .map((name) => benchRuns.filter((r) => r.preset === name))
    .filter((own) => own.length > 0)
    .map((own) => new Set(own.flatMap((r) => concurrencies(r, workload))));
  const common = sweeps.length ? [...sweeps[0]!].filter((c) => sweeps.every((s) => s.has(c))) : [];
  const statedConcurrency = common.length ? Math.max(...common) : null;
  const presets = presetNames.map((name) => evidenceOf(name, group, benchRuns, workload, statedConcurrency, reference, config));
  return {
    modelKey: newest.model.key,
    simulation: newest.simulation,
    definitionHash: hash,
    workload,
    statedConcurrency,
    referencePreset: reference,
    presets,
    throughput: chooseThroughput(presets),
    memory: chooseMemory(presets, reference),
  };
}

function concurrencies(run: RunSummary, workload: string): number[] {
  return run.benchmarks!.points.flatMap((p) => (p.workload === workload && p.load.kind === 'concurrency' ? [p.load.concurrency] : []));
}

function evidenceOf(
  preset: string,
  group: readonly RunSummary[],
  benchRuns: readonly RunSummary[],
  workload: string,
  stated: number | null,
  reference: string,
  config: RecommendationConfig,
): PresetEvidence {
  const own = benchRuns.filter((r) => r.preset === preset);
  const points = (r: RunSummary) => r.benchmarks!.points.filter((p) => p.workload === workload);
  const saturated = own.map((r) => Math.max(0, ...points(r).map((p) => medianOf(p, (x) => x.outputThroughput) ?? 0)));
  const p99 = own.flatMap((r) => {
    const at = points(r).find((p) => p.load.kind === 'concurrency' && p.load.concurrency === stated);
    const value = at ? medianOf(at, (x) => x.e2elMs?.p99 ?? null) : null;
    return value === null ? [] : [value];
  });
  const memory = group
    .filter((r) => r.preset === preset && r.serverMetrics?.gpu.available)
    .map((r) => {
      const gpu = r.serverMetrics!.gpu;
      return gpu.available ? Math.max(...gpu.gpus.map((g) => g.peakMemoryUsedMiB)) : 0;
    });
  const accuracy = preset === reference ? [] : accuracyAgainst(group, preset, reference, config.cases);
  return {
    preset,
    benchmarkRuns: own.length,
    throughput: spreadOf(saturated),
    p99E2elMs: spreadOf(p99),
    reservedShare: config.presets.find((p) => p.name === preset)?.gpuMemoryUtilization ?? null,
    peakMemoryMiB: spreadOf(memory),
    accuracy,
    accuracyDrop: accuracy.find((a) => a.diff !== null && a.diff < 0 && a.p !== null && a.p < ACCURACY_ALPHA) ?? null,
  };
}

function medianOf(point: BenchPoint, pick: (r: BenchPoint['repeats'][number]) => number | null): number | null {
  return spreadOf(point.repeats.map(pick).filter((v): v is number => v !== null))?.median ?? null;
}

// Newest result of each dataset per preset (eval runs), compared case by case on the primary metric.
function accuracyAgainst(group: readonly RunSummary[], preset: string, reference: string, cases: CaseLookup | undefined): AccuracyDelta[] {
  const latest = (name: string) => {
    const map = new Map<string, DatasetResult>();
    for (const run of group) {
      if (run.preset !== name) continue;
      for (const [key, result] of Object.entries(run.datasets)) map.set(key, withCases(result, run.runId, key, cases));
    }
    return map;
  };
  const mine = latest(preset);
  const theirs = latest(reference);
  const out: AccuracyDelta[] = [];
  for (const [key, result] of [...mine].sort(([a], [b]) => a.localeCompare(b))) {
    const base = theirs.get(key);
    const metric = result.primaryMetric;
    if (!base || !(metric in result.metrics) || !(metric in base.metrics)) continue;
    const c = compareDatasetMetric(key, result, base, metric, { comparable: true, differences: [] }, {});
    out.push({ dataset: key, metric, diff: c.diff, ci: c.ci, p: c.p, nPaired: c.nPaired });
  }
  return out;
}

function candidates(presets: readonly PresetEvidence[]): PresetEvidence[] {
  return presets.filter((p) => p.benchmarkRuns >= MIN_BENCHMARK_RUNS && p.throughput !== null && p.accuracyDrop === null);
}

function chooseThroughput(presets: readonly PresetEvidence[]): Choice {
  const pool = candidates(presets).sort((a, b) => b.throughput!.median - a.throughput!.median);
  if (pool.length < 2) return { preset: null, reason: notEnough(presets) };
  const [best, next] = pool as [PresetEvidence, PresetEvidence];
  if (!pool.slice(1).every((p) => spreadsApart(best.throughput!, p.throughput!) && best.throughput!.min > p.throughput!.max))
    return {
      preset: null,
      reason: `the throughput ranges of ${best.preset} (${range(best.throughput!)}) and ${next.preset} (${range(next.throughput!)}) overlap: no clear winner yet`,
    };
  return {
    preset: best.preset,
    reason: `${fmt(best.throughput!.median)} output tok/s at saturation (runs ${range(best.throughput!)}), ${percent(best.throughput!.median, next.throughput!.median)} over ${next.preset}${accuracyNote(best)}`,
  };
}

function chooseMemory(presets: readonly PresetEvidence[], reference: string): Choice {
  const pool = candidates(presets);
  if (pool.length < 2) return { preset: null, reason: notEnough(presets) };
  const measured = pool.every((p) => p.peakMemoryMiB !== null);
  if (measured) {
    const sorted = [...pool].sort((a, b) => a.peakMemoryMiB!.median - b.peakMemoryMiB!.median);
    const [best, next] = sorted as [PresetEvidence, PresetEvidence];
    if (!(best.peakMemoryMiB!.max < next.peakMemoryMiB!.min))
      return { preset: null, reason: `the measured peak GPU memory of ${best.preset} and ${next.preset} overlaps` };
    return {
      preset: best.preset,
      reason: `peak GPU memory ${fmt(best.peakMemoryMiB!.median)} MiB vs ${fmt(next.peakMemoryMiB!.median)} MiB (${next.preset}), throughput ${fmt(best.throughput!.median)} tok/s${accuracyNote(best)}`,
    };
  }
  const known = pool.filter((p) => p.reservedShare !== null).sort((a, b) => a.reservedShare! - b.reservedShare!);
  const [best, next] = known;
  if (!best || !next || best.reservedShare === next.reservedShare)
    return { preset: null, reason: 'the candidates reserve the same GPU memory share, and no peak memory was measured' };
  const ref = pool.find((p) => p.preset === reference) ?? next;
  return {
    preset: best.preset,
    reason: `reserves ${best.reservedShare} of GPU memory vs ${next.reservedShare} (${next.preset}; peak not measured), throughput ${fmt(best.throughput!.median)} tok/s (${percent(best.throughput!.median, ref.throughput!.median)} vs ${ref.preset})${accuracyNote(best)}`,
  };
}

function notEnough(presets: readonly PresetEvidence[]): string {
  const short = presets.filter((p) => p.benchmarkRuns < MIN_BENCHMARK_RUNS).map((p) => `${p.preset} ${p.benchmarkRuns}`);
  const dropped = presets.filter((p) => p.accuracyDrop).map((p) => `${p.preset} (accuracy drop on ${p.accuracyDrop!.dataset})`);
  const parts = [
    short.length ? `fewer than ${MIN_BENCHMARK_RUNS} benchmark runs: ${short.join(', ')}` : '',
    dropped.length ? `excluded: ${dropped.join(', ')}` : '',
  ].filter(Boolean);
  return `needs two candidate presets; ${parts.join('; ') || 'no candidate'}`;
}

function accuracyNote(p: PresetEvidence): string {
  if (p.accuracy.length === 0) return '; accuracy not compared (no eval run shared with the reference preset)';
  return '; no significant accuracy drop';
}

function fmt(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

function range(s: Spread): string {
  return `${fmt(s.min)}–${fmt(s.max)}`;
}

function percent(value: number, base: number): string {
  if (base <= 0) return 'n/a';
  const change = ((value - base) / base) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`;
}
