import type { MetricKind } from '../records/metric.ts';
import type { DatasetResult, RunRecord } from '../records/run-record.ts';
import { compareFingerprints, type FingerprintComparison } from '../history/fingerprint.ts';
import { type BootstrapOptions, pairedBootstrapDiff } from '../stats/bootstrap.ts';
import type { Interval } from '../stats/interval.ts';
import { exactMcNemar } from '../stats/mcnemar.ts';
import { pairedRatioDiff } from '../stats/ratio.ts';

/** A per-case score at or above this counts as a pass for proportion metrics. */
export const PASS_SCORE = 0.5;

/** Paired comparison of one metric of one dataset between a baseline run and the current run. */
export interface MetricComparison {
  /** Dataset key, e.g. `gsm8k/0shot`. */
  dataset: string;
  label: string;
  metric: string;
  kind: MetricKind;
  range: [number, number];
  /** Cases scored (non-null) in both runs for this metric. */
  nPaired: number;
  /** Means over the paired cases only. */
  baselineValue: number | null;
  currentValue: number | null;
  /** current - baseline over the paired cases; null without pairs. */
  diff: number | null;
  /** 95% paired bootstrap interval of `diff`. */
  ci: Interval | null;
  /** Two-sided p-value for "no change"; null without pairs. */
  p: number | null;
  test: 'exact McNemar' | 'paired bootstrap' | 'paired cluster bootstrap';
  /** Case ids that got worse (proportion: pass -> fail; mean: lower score), worst first for graded metrics. */
  regressions: string[];
  /** Case ids that got better. */
  fixes: string[];
  /** Discordant cases left out of the test because they flip between identical runs (`unstable`). */
  unstableExcluded: string[];
  /** Fingerprint comparison restricted to this dataset; `comparable` false refuses the comparison. */
  fingerprint: FingerprintComparison;
}

/** Everything the baseline gate and the step summary need about a run vs its baseline. */
export interface RunComparison {
  runId: string;
  baselineRunId: string;
  metrics: MetricComparison[];
  /** Dataset keys evaluated in only one of the two runs. */
  onlyInRun: string[];
  onlyInBaseline: string[];
}

/** Options of one paired comparison. */
export interface PairingOptions extends BootstrapOptions {
  /**
   * Case ids known to flip between runs with identical fingerprints: when such a case is discordant it is left out,
   * since its flip says nothing about the change being tested. @default none
   */
  unstable?: ReadonlySet<string>;
}

/** Options of compareWithBaseline. */
export interface CompareOptions extends PairingOptions {
  /** Compare each dataset's primary metric only, or every metric both runs report. @default 'primary' */
  metrics?: 'primary' | 'all';
}

/**
 * Pair the current run with a baseline per dataset and case id (ids present in both, scores non-null in both):
 * exact McNemar on discordant cases for proportion metrics, paired bootstrap for graded ones, a paired bootstrap over
 * cases of the pooled ratio for ratio metrics.
 */
export function compareWithBaseline(run: RunRecord, baseline: RunRecord, options: CompareOptions = {}): RunComparison {
  const metrics: MetricComparison[] = [];
  const shared = Object.keys(run.datasets)
    .filter((key) => key in baseline.datasets)
    .sort();
  for (const key of shared) {
    const current = run.datasets[key]!;
    const base = baseline.datasets[key]!;
    const fingerprint = compareFingerprints(baseline.fingerprint, run.fingerprint, { datasets: [key] });
    const names = options.metrics === 'all' ? current.metricSpecs.map((spec) => spec.name) : [current.primaryMetric];
    for (const name of names) {
      if (!(name in current.metrics) || !(name in base.metrics)) continue;
      metrics.push(compareDatasetMetric(key, current, base, name, fingerprint, options));
    }
  }
  return {
    runId: run.runId,
    baselineRunId: baseline.runId,
    metrics,
    onlyInRun: Object.keys(run.datasets)
      .filter((key) => !(key in baseline.datasets))
      .sort(),
    onlyInBaseline: Object.keys(baseline.datasets)
      .filter((key) => !(key in run.datasets))
      .sort(),
  };
}

/** Paired statistics of one metric of one dataset; `current` is compared against `base`. */
export function compareDatasetMetric(
  key: string,
  current: DatasetResult,
  base: DatasetResult,
  metric: string,
  fingerprint: FingerprintComparison,
  options: PairingOptions,
): MetricComparison {
  const spec = current.metricSpecs.find((s) => s.name === metric);
  const kind = spec?.kind ?? current.metrics[metric]!.kind;
  const range = spec?.range ?? [0, 1];
  const ids = Object.keys(current.cases)
    .filter((id) => id in base.cases)
    .sort(compareCaseIds);
  const before: number[] = [];
  const after: number[] = [];
  const units: number[] = [];
  const pairedIds: string[] = [];
  const unstableExcluded: string[] = [];
  for (const id of ids) {
    const a = base.cases[id]!.scores[metric];
    const b = current.cases[id]!.scores[metric];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    const [x, y] = kind === 'proportion' ? [a >= PASS_SCORE ? 1 : 0, b >= PASS_SCORE ? 1 : 0] : [a, b];
    if (x !== y && options.unstable?.has(id)) {
      unstableExcluded.push(id);
      continue;
    }
    pairedIds.push(id);
    units.push(current.cases[id]!.units?.[metric] ?? 1);
    before.push(x);
    after.push(y);
  }
  const paired =
    kind === 'ratio'
      ? pairedRatioDiff(
          before.map((score, i) => ({ score, units: units[i]! })),
          after.map((score, i) => ({ score, units: units[i]! })),
          options,
        )
      : pairedBootstrapDiff(before, after, options);
  const down: Array<{ id: string; change: number }> = [];
  const up: Array<{ id: string; change: number }> = [];
  pairedIds.forEach((id, i) => {
    const change = after[i]! - before[i]!;
    if (change < 0) down.push({ id, change });
    else if (change > 0) up.push({ id, change });
  });
  if (kind !== 'proportion') {
    down.sort((x, y) => x.change - y.change);
    up.sort((x, y) => y.change - x.change);
  }
  const n = pairedIds.length;
  return {
    dataset: key,
    label: current.label,
    metric,
    kind,
    range: [range[0], range[1]],
    nPaired: n,
    baselineValue: n === 0 ? null : kind === 'ratio' ? pooled(before, units) : mean(before),
    currentValue: n === 0 ? null : kind === 'ratio' ? pooled(after, units) : mean(after),
    diff: paired.diff,
    ci: paired.ci,
    p: n === 0 ? null : kind === 'proportion' ? exactMcNemar(down.length, up.length) : paired.p,
    test: kind === 'proportion' ? 'exact McNemar' : kind === 'ratio' ? 'paired cluster bootstrap' : 'paired bootstrap',
    regressions: down.map((entry) => entry.id),
    fixes: up.map((entry) => entry.id),
    unstableExcluded,
    fingerprint,
  };
}

/** Order case ids naturally: `2` before `10`. */
export function compareCaseIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

// Units passed over units, each share weighted by its case's units.
function pooled(shares: readonly number[], units: readonly number[]): number {
  let passed = 0;
  let total = 0;
  shares.forEach((share, i) => {
    passed += share * units[i]!;
    total += units[i]!;
  });
  return passed / total;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
