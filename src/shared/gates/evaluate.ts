import { ConfigError } from '../errors.ts';
import type { DatasetResult, GateResult, RunRecord } from '../records/run-record.ts';
import { describeDifferences } from '../history/fingerprint.ts';
import { formatDelta, formatInterval, formatP, formatScore } from '../stats/format.ts';
import { type CompareOptions, compareWithBaseline, type MetricComparison, type RunComparison } from './compare.ts';

/** Smallest absolute regression (in units of a [0, 1] metric) that can fail the baseline gate. */
export const DEFAULT_MIN_EFFECT = 0.02;
/** Significance level of the baseline gate. */
export const DEFAULT_ALPHA = 0.05;
/** Flipped case ids listed per gate message before "N more". */
export const MAX_LISTED_CASES = 10;

/** Per dataset key, per metric: the minimum passing score. */
export type Thresholds = Record<string, Record<string, number>>;

/** How a baseline comparison decides. */
export interface BaselineGateOptions {
  /**
   * Minimum regression that fails, absolute for [0, 1] metrics; graded metrics scale it by their range width
   * (MT-Bench [1, 10]: 0.02 * 9 = 0.18 points). @default 0.02
   */
  minEffect?: number;
  /** @default 0.05 */
  alpha?: number;
  /** What a comparison refused for score-changing fingerprint differences does to the gate. @default 'warn' */
  onIncomparable?: 'fail' | 'warn';
  /** @default 10 */
  maxListedCases?: number;
}

/** Options of evaluateGates. */
export interface GateOptions extends CompareOptions, BaselineGateOptions {
  run: RunRecord;
  /** This run's model slice of the threshold config. Datasets not in the run are skipped. */
  thresholds?: Thresholds;
  /** Baseline run; no baseline gates without it. */
  baseline?: RunRecord | null;
  /** Precomputed compareWithBaseline(run, baseline). */
  comparison?: RunComparison;
}

/** Message prefix of a baseline gate whose runs cannot be compared. */
export const NOT_COMPARABLE = 'NOT COMPARABLE';
/** Message prefix of a baseline gate that found no usable baseline. */
export const NO_BASELINE = 'NO BASELINE';

/**
 * Evaluate threshold gates (value >= threshold) and, with a baseline, paired regression gates that fail only
 * when the change is a significant regression (p < alpha) larger than `minEffect`. The per-dataset pieces
 * (thresholdGates, baselineGate) are what eval workers run in each suite's gate test.
 */
export function evaluateGates(options: GateOptions): GateResult[] {
  const results: GateResult[] = [];
  for (const [key, metrics] of Object.entries(options.thresholds ?? {})) {
    const dataset = options.run.datasets[key];
    if (dataset) results.push(...thresholdGates(key, dataset, metrics));
  }
  if (options.baseline) {
    const comparison = options.comparison ?? compareWithBaseline(options.run, options.baseline, options);
    for (const metric of comparison.metrics) results.push(baselineGate(metric, comparison.baselineRunId, options));
  }
  return results;
}

/** One gate per thresholded metric of a dataset. */
export function thresholdGates(key: string, dataset: Pick<DatasetResult, 'metrics'>, thresholds: Record<string, number>): GateResult[] {
  const results: GateResult[] = [];
  for (const [metric, threshold] of Object.entries(thresholds)) {
    if (!Number.isFinite(threshold)) {
      throw new ConfigError(`threshold \`${key}.${metric}\` must be a finite number, received ${threshold}`);
    }
    const value = dataset.metrics[metric];
    const base = { kind: 'threshold' as const, dataset: key, metric, threshold };
    if (!value) {
      const known = Object.keys(dataset.metrics).join(', ') || 'none';
      results.push({
        ...base,
        passed: false,
        score: null,
        ci: null,
        message: `${key} ${metric}: no such metric (the dataset reports ${known}); fix the threshold`,
      });
      continue;
    }
    if (value.value === null) {
      results.push({
        ...base,
        passed: false,
        score: null,
        ci: null,
        message: `${key} ${metric}: no scored cases (threshold ${threshold})`,
      });
      continue;
    }
    const passed = value.value >= threshold;
    const ci = value.ci ? `95% CI ${formatInterval(value.ci)}, ` : '';
    results.push({
      ...base,
      passed,
      score: value.value,
      ci: value.ci,
      message: `${key} ${metric} ${formatScore(value.value)} ${passed ? '>=' : '<'} ${threshold} (${ci}n=${value.n})`,
    });
  }
  return results;
}

/** Decide one paired comparison with a baseline run. */
export function baselineGate(m: MetricComparison, baselineRunId: string, options: BaselineGateOptions = {}): GateResult {
  const minEffect = options.minEffect ?? DEFAULT_MIN_EFFECT;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!(minEffect >= 0)) throw new ConfigError(`\`minEffect\` must be a number >= 0, received ${minEffect}`);
  if (!(alpha > 0 && alpha < 1)) throw new ConfigError(`\`alpha\` must be between 0 and 1, received ${alpha}`);
  const effect = minEffect * (m.kind === 'mean' ? m.range[1] - m.range[0] : 1);
  const base = { kind: 'baseline' as const, dataset: m.dataset, metric: m.metric, threshold: -effect, baselineRunId };
  if (!m.fingerprint.comparable) {
    const scoreChanging = m.fingerprint.differences.filter((d) => d.changesScores);
    return {
      ...base,
      passed: options.onIncomparable !== 'fail',
      note: 'not-comparable',
      score: null,
      ci: null,
      message: `${NOT_COMPARABLE}: ${m.dataset} ${m.metric} vs baseline ${baselineRunId} differs in ${describeDifferences(scoreChanging)}; scores not compared`,
    };
  }
  const head = `${m.dataset} ${m.metric} vs baseline ${baselineRunId}`;
  if (m.diff === null || m.nPaired === 0) {
    return { ...base, passed: true, score: null, ci: null, message: `${head}: no case scored in both runs; nothing to compare` };
  }
  const significant = m.p !== null && m.p < alpha;
  const failed = significant && m.diff < 0 && -m.diff > effect;
  const verdict = failed
    ? `REGRESSION larger than min effect ${effect.toFixed(3)}`
    : significant && m.diff < 0
      ? `significant but within min effect ${effect.toFixed(3)}`
      : significant
        ? 'significant improvement'
        : 'no significant change';
  const max = options.maxListedCases ?? MAX_LISTED_CASES;
  const lists = [listIds('regressed', m.regressions, max), listIds('fixed', m.fixes, max)].filter(Boolean).join('; ');
  const unstable = m.unstableExcluded.length
    ? `; ${m.unstableExcluded.length} unstable case(s) left out of the discordant pairs (they flip between identical runs): ` +
      listIds('unstable', m.unstableExcluded, max).slice('unstable: '.length)
    : '';
  const message =
    `${head}: Δ ${formatDelta(m.diff)} (95% CI ${formatInterval(m.ci)}), ${formatP(m.p)} (${m.test}), ` +
    `${m.regressions.length} regressions / ${m.fixes.length} fixes over ${m.nPaired} paired cases: ${verdict}` +
    (lists ? `; ${lists}` : '') +
    unstable;
  return {
    ...base,
    passed: !failed,
    score: m.diff,
    ci: m.ci,
    ...(m.unstableExcluded.length ? { unstableExcluded: m.unstableExcluded } : {}),
    message,
  };
}

/** A baseline gate for a dataset no baseline run covers: passes, and says so. */
export function noBaselineGate(key: string, metric: string, reason: string): GateResult {
  return {
    kind: 'baseline',
    dataset: key,
    metric,
    passed: true,
    note: 'no-baseline',
    score: null,
    threshold: null,
    ci: null,
    message: `${NO_BASELINE}: ${key} ${metric}: ${reason}`,
  };
}

/** `regressed: 3, 17, 45 (+12 more)`, or '' for no ids. */
export function listIds(label: string, ids: readonly string[], max: number): string {
  if (ids.length === 0) return '';
  const shown = ids.slice(0, max).join(', ');
  return ids.length > max ? `${label}: ${shown} (+${ids.length - max} more)` : `${label}: ${shown}`;
}
