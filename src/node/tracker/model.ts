import type { DatasetPerformance } from '../../shared/records/dataset-performance.ts';
import type { MetricValue } from '../../shared/records/metric.ts';
import { describeRopeScaling } from '../../shared/records/rope-scaling.ts';
import type { Performance, RunRecord } from '../../shared/records/run-record.ts';
import type { DatasetSummary, RunSummary } from '../../shared/records/run-summary.ts';
import type { JudgeInfo } from '../../shared/records/suite-meta.ts';
import type { KernelCheck } from '../../shared/quantization-kernel.ts';
import type { Sampling } from '../../shared/sampling.ts';
import { compareDatasetMetric } from '../../shared/gates/compare.ts';
import { compareFingerprints, type Fingerprint } from '../../shared/history/fingerprint.ts';
import { findUnstableCases, type UnstableCase } from '../../shared/history/unstable-cases.ts';
import { compareRuns } from '../history/store.ts';
import { pairedRunEntries, type PairedRunEntry } from './paired-runs.ts';
import { buildKindGroups, type KindGroup } from './agent-section/model.ts';
import { type CaseLookup, withCases } from './case-lookup.ts';
import { buildCoverage, type CoverageItem } from './coverage.ts';
import { buildOverview, type OverviewTable } from './overview.ts';
import { thinkingLabel } from './thinking-label.ts';

export { thinkingLabel } from './thinking-label.ts';

export { type CaseLookup, casesOf } from './case-lookup.ts';
import { type ModelRecommendation, recommendPresets } from './preset-recommendation.ts';
import { buildServerMetricsRows, type ServerMetricsRow } from './server-metrics.ts';
import { buildThroughputSections, type ThroughputSection } from './throughput.ts';

/** A model of the tracker config. */
export interface TrackerModelConfig {
  key: string;
  /** Hugging Face id. */
  id: string;
  /** Parameters in billions. */
  sizeB?: number;
  contextLength?: number;
  license?: string;
  quantization?: string | null;
  /** Key of the unquantized model this one quantizes; guessed from the id (`<base id>-AWQ`) when absent. */
  baseKey?: string;
}

/** A preset of the tracker config. */
export interface TrackerPresetConfig {
  name: string;
  gpuMemoryUtilization: number;
  maxNumSeqs: number;
  prefixCaching: boolean;
}

/** What the tracker needs from the project config. */
export interface TrackerConfig {
  models: readonly TrackerModelConfig[];
  presets: readonly TrackerPresetConfig[];
  /** Dataset keys the config selects (`gsm8k/0shot`): the coverage list names those never run. @default [] */
  datasets?: readonly string[];
  /** The config's default preset: the reference of the preset recommendation. @default the first preset */
  defaultPreset?: string;
}

/** A row of "Available models". */
export interface ModelRow {
  key: string;
  id: string;
  sizeB: number | null;
  contextLength: number | null;
  license: string | null;
  quantization: string | null;
  status: 'evaluated' | 'not yet run';
  /** Evaluated, but only by the simulated server. */
  simulatedOnly: boolean;
  inConfig: boolean;
}

/** A row of "Presets"; settings are null for presets seen in history but missing from the config. */
export interface PresetRow {
  name: string;
  gpuMemoryUtilization: number | null;
  maxNumSeqs: number | null;
  prefixCaching: boolean | null;
  inConfig: boolean;
}

/** Gate outcome of a metric, as recorded by the run a dataset result came from. */
export interface ThresholdStatus {
  /** The metric's threshold, when it has one. */
  threshold: number | null;
  /** False when any gate of the metric failed: its threshold or the baseline comparison. */
  passed: boolean;
  /** The failed gates' kinds, for the status cell. */
  failedKinds: Array<'threshold' | 'baseline'>;
}

/** One metric row of a section's dataset table. */
export interface MetricRow {
  metric: string;
  primary: boolean;
  value: MetricValue;
  threshold: ThresholdStatus | null;
}

/** One dataset of a section: the newest non-interrupted run that contains it. */
export interface SectionDataset {
  key: string;
  label: string;
  runId: string;
  startedAt: string;
  runStatus: RunRecord['status'];
  /** False when merged from an older run than the section's latest. */
  fromLatestRun: boolean;
  metrics: MetricRow[];
  cases: number;
  datasetSize: number | null;
  unparseable: number;
  /** Data-quality counters of the source run (truncated, over-length, capped answers; retries; too-long prompts). */
  quality: DatasetSummary['quality'];
  /** Reasoning tokens and who split the reasoning, for reasoning models; null otherwise. */
  reasoning: DatasetSummary['reasoning'];
  errors: number;
  /** Who graded a judged dataset; null for datasets without a judge. */
  judge: Pick<JudgeInfo, 'model' | 'source'> | null;
  /** The source run failed its baseline gate for this dataset. */
  regressedVsBaseline: boolean;
  /** The source run had no baseline covering this dataset's cases. */
  noBaseline: boolean;
  /** Timings of the source run's cases of this dataset; null when not recorded. */
  performance: DatasetPerformance | null;
  /** RoPE scaling of the server the source run used (`yarn x4 from 32768`); null = none. */
  ropeScaling: string | null;
}

/** Latest results of one model on one preset (real and simulated runs are kept apart). */
export interface Section {
  modelKey: string;
  modelId: string;
  preset: string;
  /** Simulation mode of the section's runs; null = a real model. Each mode is a section of its own. */
  simulation: string | null;
  /** A reasoning model's parser and thinking switch; thinking on and off are sections of their own. Null for other models. */
  reasoning: RunRecord['model']['reasoning'];
  /** Newest run that contributed a dataset. */
  latestRunId: string;
  latestStartedAt: string;
  latestStatus: RunRecord['status'];
  /** Performance as measured by the newest run that asked the server (not a replay, not all from the cache). */
  performance: Performance;
  performanceDatasets: string[];
  /** The run the performance comes from. */
  performanceRunId: string;
  datasets: SectionDataset[];
  /** The "Function calling and agents" block: datasets of its kinds, grouped by kind. */
  agents: KindGroup[];
  configuration: {
    launched: boolean;
    serverCommand: string[] | null;
    baseUrls: string[];
    vllmVersion: string | null;
    gpuName: string | null;
    /** The quantization kernel the latest run's server chose; null when not recorded. */
    quantizationKernel: KernelCheck | null;
    sampling: Sampling;
    harnessVersion: string;
    fingerprintHash: string;
    /** RoPE scaling of the latest run's server (`yarn x4 from 32768`); null = none. */
    ropeScaling: string | null;
    /** Fingerprint hashes of older runs that still provide datasets here. */
    otherFingerprintHashes: string[];
  };
}

/** Side of a comparison. */
export interface ComparisonSide {
  modelKey: string;
  preset: string;
  label: string;
  outputTokensPerSec: number | null;
}

/** One dataset row of a comparison. */
export interface ComparisonRow {
  dataset: string;
  metric: string;
  a: number | null;
  b: number | null;
  /** b - a over all scored cases of each side. */
  diff: number | null;
  /** Paired test over cases scored in both (McNemar or bootstrap); null without shared cases. */
  p: number | null;
  nPaired: number;
  /** Score-changing fingerprint differences beyond what is being compared; empty when comparable. */
  scoreChangingDifferences: string[];
  /** Per-case agreement over the paired cases, and which way the others flipped (B against A). */
  flips: CaseFlips;
}

/** How the paired cases of two sides agree: same outcome (pass/fail, or the same grade), better in B, worse in B. */
export interface CaseFlips {
  agree: number;
  /** Cases that fail (or grade lower) in A and pass (or grade higher) in B. */
  fixed: number;
  /** Cases that pass in A and fail in B. */
  broken: number;
  /** First broken case ids, worst first for graded metrics. */
  brokenIds: string[];
  fixedIds: string[];
}

/** Case ids kept per flip direction in a comparison row. */
export const MAX_FLIP_IDS = 5;

/** A pairwise comparison of two sections. */
export interface PairComparison {
  kind: 'preset' | 'model' | 'quantization';
  simulation: string | null;
  a: ComparisonSide;
  b: ComparisonSide;
  /** (b - a) / a in percent. */
  throughputChangePct: number | null;
  rows: ComparisonRow[];
}

/** One line of the changelog. */
export interface ChangelogEntry {
  runId: string;
  startedAt: string;
  project: string;
  modelKey: string;
  preset: string;
  status: RunRecord['status'];
  simulation: string | null;
  /** `thinking on (qwen3)` for a reasoning model; '' otherwise. */
  thinking: string;
  /** False for interrupted runs and shards: listed, never merged. */
  merged: boolean;
  /** `shard 1/2` for one shard of a sharded run; null otherwise. */
  shard: string | null;
  headline: Array<{ dataset: string; metric: string; value: number | null }>;
  gatesFailed: number;
  /** The run was a serving benchmark. */
  benchmark: boolean;
}

/** Everything the tracker shows, built from the whole history. */
export interface TrackerModel {
  /** Where each model and preset stands per dataset (real runs, then simulated). */
  overview: OverviewTable[];
  /** What is left to run per model and preset of the config (real runs). */
  coverage: CoverageItem[];
  runCount: number;
  newestStartedAt: string | null;
  skippedFiles: string[];
  models: ModelRow[];
  presets: PresetRow[];
  sections: Section[];
  comparisons: PairComparison[];
  /** Newest first. */
  changelog: ChangelogEntry[];
  /** Runs paired with the run they follow (replays, watch re-runs), newest first. */
  pairedRuns: PairedRunEntry[];
  /** Cases that flipped between runs with identical fingerprints. */
  unstable: UnstableCase[];
  /** The newest serving benchmark per model, preset and server kind. */
  throughput: ThroughputSection[];
  /** Server metrics per run, newest first. */
  serverMetrics: ServerMetricsRow[];
  /** Preset recommendation per model and server kind. */
  recommendations: ModelRecommendation[];
}

/** Keys that name what a comparison is about; their differences are expected, not warnings. */
const EXPECTED_DIFFERENCES: Record<PairComparison['kind'], (key: string) => boolean> = {
  preset: (key) => key === 'preset' || key.startsWith('server.'),
  model: (key) => key.startsWith('model.'),
  quantization: (key) => key.startsWith('model.'),
};

interface Contribution {
  run: RunSummary;
  result: DatasetSummary;
}

interface Group {
  modelKey: string;
  preset: string;
  simulation: string | null;
  reasoning: RunRecord['model']['reasoning'];
  contributions: Map<string, Contribution>;
  /** The newest run of the group that asked the server (not a replay, not answered wholly from the response cache). */
  measured: RunSummary | null;
}

/**
 * The runs whose per-case data the tracker's comparisons may pair, with the datasets they contribute: the newest run
 * of each (model, preset, simulation mode, thinking) per dataset, when there are two such groups or more. The history
 * itself is read as summaries.
 */
export function runsToCompare(runs: readonly RunSummary[]): Map<string, Set<string>> {
  const wanted = new Map<string, Set<string>>();
  const want = (runId: string, key: string) => wanted.set(runId, (wanted.get(runId) ?? new Set<string>()).add(key));
  const groups = groupRuns([...runs].sort(compareRuns));
  // Model, preset and quantization comparisons pair the groups' newest results; so does the preset recommendation
  // (each preset's newest result per model is one of them).
  if (groups.size >= 2) for (const group of groups.values()) for (const [key, { run }] of group.contributions) want(run.runId, key);
  return wanted;
}

// For each (model, preset, simulation mode, thinking) and dataset the newest non-interrupted run containing that
// dataset wins, so partial watch re-runs add to the picture and interrupted runs only appear in the changelog.
function groupRuns(ordered: readonly RunSummary[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const run of ordered) {
    // A shard holds a share of each dataset: only its merged run (`qwen-evals merge`) stands for the results.
    if (run.status === 'interrupted' || run.shard) continue;
    const id = groupId(run.model.key, run.preset, run.simulation, run.model.reasoning);
    let group = groups.get(id);
    if (!group) {
      group = {
        modelKey: run.model.key,
        preset: run.preset,
        simulation: run.simulation,
        reasoning: run.model.reasoning,
        contributions: new Map(),
        measured: null,
      };
      groups.set(id, group);
    }
    // Replays and runs answered wholly from the response cache measured nothing of the server.
    if (run.replayOf === null && run.performance.requests > 0) group.measured = run;
    for (const [key, result] of Object.entries(run.datasets)) group.contributions.set(key, { run, result });
  }
  return groups;
}

/**
 * Build the tracker model from the run history's summaries (see groupRuns for which run stands for each dataset).
 * Comparisons pair cases through `options.cases`; without them a comparison has no paired cases.
 */
export function buildTrackerModel(
  runs: readonly RunSummary[],
  config: TrackerConfig,
  options: { skippedFiles?: readonly string[]; cases?: CaseLookup; unstable?: UnstableCase[] } = {},
): TrackerModel {
  const ordered = [...runs].sort(compareRuns);
  const groups = groupRuns(ordered);

  const modelOrder = orderOf(config.models.map((m) => m.key));
  const presetOrder = orderOf(config.presets.map((p) => p.name));
  const sectionsWithSources = [...groups.values()]
    .filter((group) => group.contributions.size > 0)
    .sort(
      (a, b) =>
        rank(modelOrder, a.modelKey) - rank(modelOrder, b.modelKey) ||
        a.modelKey.localeCompare(b.modelKey) ||
        rank(presetOrder, a.preset) - rank(presetOrder, b.preset) ||
        a.preset.localeCompare(b.preset) ||
        (a.simulation ?? '').localeCompare(b.simulation ?? '') ||
        thinkingLabel(a.reasoning).localeCompare(thinkingLabel(b.reasoning)),
    )
    .map((group) => ({ group, section: buildSection(group) }));

  const sections = sectionsWithSources.map((s) => s.section);
  return {
    overview: buildOverview(sections),
    coverage: buildCoverage(config, sections, ordered),
    runCount: runs.length,
    newestStartedAt: ordered.at(-1)?.startedAt ?? null,
    skippedFiles: [...(options.skippedFiles ?? [])],
    models: buildModelRows(
      config,
      ordered,
      sectionsWithSources.map((s) => s.section),
    ),
    presets: buildPresetRows(config, ordered),
    sections: sectionsWithSources.map((s) => s.section),
    comparisons: buildComparisons(config, sectionsWithSources, options.cases ?? (() => undefined)),
    changelog: ordered.map(toChangelogEntry).reverse(),
    pairedRuns: pairedRunEntries(ordered),
    unstable: options.unstable ?? findUnstableCases(ordered, options.cases ?? (() => undefined)),
    throughput: buildThroughputSections(ordered),
    serverMetrics: buildServerMetricsRows(ordered),
    recommendations: recommendPresets(ordered, {
      presets: config.presets,
      ...(config.defaultPreset ? { referencePreset: config.defaultPreset } : {}),
      ...(options.cases ? { cases: options.cases } : {}),
    }),
  };
}

function buildSection(group: Group): Section {
  // Numbers in keys compare as numbers, so long-context lengths read 4k, 8k, ..., 128k.
  const contributions = [...group.contributions.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  const latest = contributions
    .map(([, c]) => c.run)
    .sort(compareRuns)
    .at(-1)!;
  const datasets = contributions.map(([key, { run, result }]): SectionDataset => {
    const gates = run.gates.filter((gate) => gate.dataset === key);
    const names = [result.primaryMetric, ...result.metricSpecs.map((s) => s.name), ...Object.keys(result.metrics)];
    const metrics = [...new Set(names)]
      .filter((name) => name in result.metrics)
      .map((name): MetricRow => {
        const own = gates.filter((g) => g.metric === name && !g.note);
        const threshold = own.find((g) => g.kind === 'threshold');
        const failed = own.filter((g) => !g.passed);
        return {
          metric: name,
          primary: name === result.primaryMetric,
          value: result.metrics[name]!,
          threshold: own.length
            ? { threshold: threshold?.threshold ?? null, passed: failed.length === 0, failedKinds: failed.map((g) => g.kind) }
            : null,
        };
      });
    return {
      key,
      label: result.label,
      runId: run.runId,
      startedAt: run.startedAt,
      runStatus: run.status,
      fromLatestRun: run.runId === latest.runId,
      metrics,
      cases: result.counts.cases,
      datasetSize: result.datasetSize,
      unparseable: result.counts.unparseable,
      quality: result.quality,
      reasoning: result.reasoning,
      errors: result.counts.error,
      judge: result.judge ? { model: result.judge.model, source: result.judge.source } : null,
      regressedVsBaseline: gates.some((g) => g.kind === 'baseline' && !g.passed),
      noBaseline: gates.some((g) => g.note === 'no-baseline'),
      performance: result.performance ?? null,
      ropeScaling: run.server.ropeScaling ? describeRopeScaling(run.server.ropeScaling) : null,
    };
  });
  const measured = group.measured ?? latest;
  const otherHashes = new Set(contributions.map(([, c]) => c.run.fingerprintHash));
  otherHashes.delete(latest.fingerprintHash);
  return {
    modelKey: group.modelKey,
    modelId: latest.model.id,
    preset: group.preset,
    simulation: group.simulation,
    reasoning: group.reasoning,
    latestRunId: latest.runId,
    latestStartedAt: latest.startedAt,
    latestStatus: latest.status,
    performance: measured.performance,
    performanceDatasets: Object.keys(measured.datasets).sort(),
    performanceRunId: measured.runId,
    datasets,
    agents: buildKindGroups(contributions.map(([key, { run, result }]) => ({ key, run, result }))),
    configuration: {
      launched: latest.server.launched,
      serverCommand: latest.server.command,
      baseUrls: latest.server.baseUrls,
      vllmVersion: latest.server.vllmVersion,
      gpuName: latest.server.gpuName,
      quantizationKernel: latest.server.quantizationKernel ?? null,
      sampling: latest.sampling,
      harnessVersion: latest.harnessVersion,
      fingerprintHash: latest.fingerprintHash,
      ropeScaling: latest.server.ropeScaling ? describeRopeScaling(latest.server.ropeScaling) : null,
      otherFingerprintHashes: [...otherHashes].sort(),
    },
  };
}

function buildModelRows(config: TrackerConfig, runs: readonly RunSummary[], sections: readonly Section[]): ModelRow[] {
  const rows: ModelRow[] = config.models.map((m) => ({
    key: m.key,
    id: m.id,
    sizeB: m.sizeB ?? null,
    contextLength: m.contextLength ?? null,
    license: m.license ?? null,
    quantization: m.quantization ?? null,
    status: 'not yet run',
    simulatedOnly: false,
    inConfig: true,
  }));
  for (const run of runs) {
    if (rows.some((row) => row.key === run.model.key)) continue;
    rows.push({
      key: run.model.key,
      id: run.model.id,
      sizeB: null,
      contextLength: null,
      license: null,
      quantization: run.model.quantization,
      status: 'not yet run',
      simulatedOnly: false,
      inConfig: false,
    });
  }
  for (const row of rows) {
    const own = sections.filter((s) => s.modelKey === row.key);
    if (own.length === 0) continue;
    row.status = 'evaluated';
    row.simulatedOnly = own.every((s) => s.simulation !== null);
  }
  return rows;
}

function buildPresetRows(config: TrackerConfig, runs: readonly RunSummary[]): PresetRow[] {
  const rows: PresetRow[] = config.presets.map((p) => ({ ...p, inConfig: true }));
  for (const run of runs) {
    if (rows.some((row) => row.name === run.preset)) continue;
    rows.push({ name: run.preset, gpuMemoryUtilization: null, maxNumSeqs: null, prefixCaching: null, inConfig: false });
  }
  return rows;
}

// Preset vs preset (same model), model vs model (same preset), quantized vs base (same preset); same simulation mode.
function buildComparisons(
  config: TrackerConfig,
  entries: ReadonlyArray<{ group: Group; section: Section }>,
  cases: CaseLookup,
): PairComparison[] {
  const comparisons: PairComparison[] = [];
  const quantPairs = quantizationPairs(config);
  const isQuantPair = (a: string, b: string) => quantPairs.some(([base, q]) => (base === a && q === b) || (base === b && q === a));
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const x = entries[i]!;
      const y = entries[j]!;
      if (x.section.simulation !== y.section.simulation) continue;
      // Thinking on and off answer differently: their sections are compared with neither each other nor other models.
      if (thinkingLabel(x.section.reasoning) !== thinkingLabel(y.section.reasoning)) continue;
      if (x.section.modelKey === y.section.modelKey && x.section.preset !== y.section.preset) {
        comparisons.push(comparePair('preset', x, y, cases));
      } else if (x.section.preset === y.section.preset && x.section.modelKey !== y.section.modelKey) {
        if (!isQuantPair(x.section.modelKey, y.section.modelKey)) {
          comparisons.push(comparePair('model', x, y, cases));
          continue;
        }
        const baseFirst = quantPairs.some(([base]) => base === x.section.modelKey);
        comparisons.push(baseFirst ? comparePair('quantization', x, y, cases) : comparePair('quantization', y, x, cases));
      }
    }
  }
  const kindOrder = { preset: 0, model: 1, quantization: 2 };
  return comparisons.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind]);
}

/** [base key, quantized key] pairs: explicit `baseKey`, or a quantized model whose id is `<base id>-<suffix>`. */
export function quantizationPairs(config: TrackerConfig): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const model of config.models) {
    if (model.baseKey) {
      pairs.push([model.baseKey, model.key]);
      continue;
    }
    if (!model.quantization) continue;
    const base = config.models
      .filter((m) => !m.quantization && m.key !== model.key && model.id.toLowerCase().startsWith(`${m.id.toLowerCase()}-`))
      .sort((a, b) => b.id.length - a.id.length)[0];
    if (base) pairs.push([base.key, model.key]);
  }
  return pairs;
}

function comparePair(
  kind: PairComparison['kind'],
  x: { group: Group; section: Section },
  y: { group: Group; section: Section },
  cases: CaseLookup,
): PairComparison {
  const expected = EXPECTED_DIFFERENCES[kind];
  const rows: ComparisonRow[] = [];
  const shared = [...x.group.contributions.keys()].filter((key) => y.group.contributions.has(key)).sort();
  for (const key of shared) {
    const a = x.group.contributions.get(key)!;
    const b = y.group.contributions.get(key)!;
    const metric = b.result.primaryMetric;
    if (!(metric in a.result.metrics) || !(metric in b.result.metrics)) continue;
    const differences = compareFingerprints(a.run.fingerprint as Fingerprint, b.run.fingerprint as Fingerprint, { datasets: [key] })
      .differences.filter((d) => d.changesScores && !expected(d.key))
      .map((d) => d.key);
    const paired = compareDatasetMetric(
      key,
      withCases(b.result, b.run.runId, key, cases),
      withCases(a.result, a.run.runId, key, cases),
      metric,
      { comparable: true, differences: [] },
      {},
    );
    const valueA = a.result.metrics[metric]!.value;
    const valueB = b.result.metrics[metric]!.value;
    rows.push({
      dataset: key,
      metric,
      a: valueA,
      b: valueB,
      diff: valueA === null || valueB === null ? null : valueB - valueA,
      p: paired.p,
      nPaired: paired.nPaired,
      scoreChangingDifferences: differences,
      flips: {
        agree: paired.nPaired - paired.fixes.length - paired.regressions.length,
        fixed: paired.fixes.length,
        broken: paired.regressions.length,
        brokenIds: paired.regressions.slice(0, MAX_FLIP_IDS),
        fixedIds: paired.fixes.slice(0, MAX_FLIP_IDS),
      },
    });
  }
  const tpsA = x.section.performance.outputTokensPerSec;
  const tpsB = y.section.performance.outputTokensPerSec;
  return {
    kind,
    simulation: x.section.simulation,
    a: side(x.section, kind),
    b: side(y.section, kind),
    throughputChangePct: tpsA !== null && tpsB !== null && tpsA > 0 ? ((tpsB - tpsA) / tpsA) * 100 : null,
    rows,
  };
}

function side(section: Section, kind: PairComparison['kind']): ComparisonSide {
  return {
    modelKey: section.modelKey,
    preset: section.preset,
    label: kind === 'preset' ? section.preset : section.modelKey,
    outputTokensPerSec: section.performance.outputTokensPerSec,
  };
}

function toChangelogEntry(run: RunSummary): ChangelogEntry {
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    project: run.project,
    modelKey: run.model.key,
    preset: run.preset,
    status: run.status,
    simulation: run.simulation,
    thinking: thinkingLabel(run.model.reasoning),
    merged: run.status !== 'interrupted' && !run.shard,
    shard: run.shard ? `shard ${run.shard.index}/${run.shard.count}` : null,
    headline: Object.keys(run.datasets)
      .sort()
      .map((key) => {
        const result = run.datasets[key]!;
        return { dataset: key, metric: result.primaryMetric, value: result.metrics[result.primaryMetric]?.value ?? null };
      }),
    gatesFailed: run.gates.filter((gate) => !gate.passed).length,
    benchmark: run.benchmarks !== null,
  };
}

function groupId(modelKey: string, preset: string, simulation: string | null, reasoning: RunRecord['model']['reasoning']): string {
  return JSON.stringify([modelKey, preset, simulation, thinkingLabel(reasoning)]);
}

function orderOf(keys: readonly string[]): Map<string, number> {
  return new Map(keys.map((key, index) => [key, index]));
}

function rank(order: Map<string, number>, key: string): number {
  return order.get(key) ?? order.size;
}
