import { compareCaseIds, compareDatasetMetric } from '../gates/compare.ts';
import type { DatasetResult, RunRecord } from '../records/run-record.ts';
import type { ChangeCause, DatasetPairing, PairedChanges, RunPairing } from '../records/pairing.ts';
import { compareFingerprints, datasetOfKey, type Fingerprint } from './fingerprint.ts';

// Pair a run with the run it follows, dataset by dataset and case by case: the paired change of the primary metric,
// the flipped cases, and what the change comes from (a prompt edit, a scorer edit, the data, the configuration, or
// only the server's answers). Used for watch-mode re-runs and replays; pure.

/** One side of a pairing: a dataset's result in a run. */
export interface PairingSide {
  runId: string;
  fingerprint: Fingerprint;
  result: DatasetResult;
}

/** Options of a pairing. */
export interface PairRunsOptions {
  kind: RunPairing['kind'];
  /** The file whose change triggered a watch re-run. */
  trigger?: string | null;
  /** Case ids known to flip between identical runs, per dataset key (marked, not left out: nothing is gated here). */
  unstable?: Readonly<Record<string, readonly string[]>>;
}

/** Pair every dataset of `run` that an earlier run of `previous` has; null when none has. */
export function pairRuns(previous: ReadonlyMap<string, PairingSide>, run: RunRecord, options: PairRunsOptions): RunPairing | null {
  const datasets: RunPairing['datasets'] = {};
  for (const [key, result] of Object.entries(run.datasets)) {
    const before = previous.get(key);
    if (!before) continue;
    datasets[key] = pairDataset(key, before, { runId: run.runId, fingerprint: run.fingerprint, result }, options.unstable?.[key] ?? []);
  }
  if (Object.keys(datasets).length === 0) return null;
  return { kind: options.kind, trigger: options.trigger ?? null, datasets };
}

/** The pairing sides of every dataset of a run record. */
export function pairingSides(run: Pick<RunRecord, 'runId' | 'fingerprint' | 'datasets'>): Map<string, PairingSide> {
  return new Map(Object.entries(run.datasets).map(([key, result]) => [key, { runId: run.runId, fingerprint: run.fingerprint, result }]));
}

/** Pair one dataset's primary metric between an earlier run and this one. */
export function pairDataset(key: string, before: PairingSide, after: PairingSide, unstable: readonly string[] = []): DatasetPairing {
  const fingerprint = compareFingerprints(before.fingerprint, after.fingerprint, { datasets: [key] });
  const metric = after.result.primaryMetric;
  const paired = compareDatasetMetric(key, after.result, before.result, metric, fingerprint, {});
  const changes = countChanges(before.result, after.result);
  const differing = fingerprint.differences.filter((d) => d.changesScores).map((d) => d.key);
  const known = new Set(unstable);
  return {
    previousRunId: before.runId,
    metric,
    kind: paired.kind,
    test: paired.test,
    nPaired: paired.nPaired,
    before: paired.baselineValue,
    after: paired.currentValue,
    diff: paired.diff,
    ci: paired.ci,
    p: paired.p,
    fixed: paired.fixes,
    broken: paired.regressions,
    unstable: [...paired.fixes, ...paired.regressions].filter((id) => known.has(id)).sort(compareCaseIds),
    changes,
    fingerprint: differing,
    causes: attributeCauses(key, differing, changes, hasCaseHashes(before.result) && hasCaseHashes(after.result)),
  };
}

// Each case that differs counted once: its prompt first, then its answer, then its score.
function countChanges(before: DatasetResult, after: DatasetResult): PairedChanges {
  const changes: PairedChanges = { prompts: 0, answers: 0, scoring: 0 };
  for (const [id, now] of Object.entries(after.cases)) {
    const then = before.cases[id];
    if (!then || then.verdict === 'error' || now.verdict === 'error') continue;
    if (then.promptHash !== undefined && now.promptHash !== undefined && then.promptHash !== now.promptHash) changes.prompts += 1;
    else if (then.responseHash !== now.responseHash && then.responseHash !== undefined && now.responseHash !== undefined)
      changes.answers += 1;
    else if (!sameScores(then.scores, now.scores) || then.verdict !== now.verdict) changes.scoring += 1;
  }
  return changes;
}

// What the change comes from. Without per-case hashes (older records), the fingerprint's prompt hash stands in.
function attributeCauses(key: string, differing: readonly string[], changes: PairedChanges, hashed: boolean): ChangeCause[] {
  const causes: ChangeCause[] = [];
  if (differing.includes(`dataset.${key}`)) causes.push('data');
  if (changes.prompts > 0 || (!hashed && differing.includes(`prompt.${key}`))) causes.push('prompt');
  if (hashed && changes.scoring > 0) causes.push('scorer');
  if (differing.some((k) => datasetOfKey(k) === null || k === `judge.${key}`)) causes.push('config');
  if (hashed && changes.answers > 0) causes.push('answers');
  return causes;
}

function hasCaseHashes(result: DatasetResult): boolean {
  return Object.values(result.cases).some((c) => c.promptHash !== undefined);
}

function sameScores(a: Record<string, number | null>, b: Record<string, number | null>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? null) !== (b[key] ?? null)) return false;
  return true;
}
