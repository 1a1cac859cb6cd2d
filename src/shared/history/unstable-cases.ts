import { z } from 'zod';
import { compareCodeUnits } from '../compare-text.ts';
import { memoizeByKey } from '../memoize-by-key.ts';
import { compareCaseIds, PASS_SCORE } from '../gates/compare.ts';
import type { DatasetResult } from '../records/run-record.ts';
import type { RunSummary } from '../records/run-summary.ts';
import { datasetOfKey, isScoreChangingKey } from './fingerprint.ts';

// Unstable cases: a case that passed in one run and failed in another although nothing that changes scores differed
// (same model, prompts, data, sampling, judge, harness): at temperature 0 that is the server's nondeterminism (batch
// composition, kernels). Found in the history; the baseline gate leaves such cases out of its discordant pairs.
// Only pass/fail metrics are considered; replays (same answers) never count, and when both runs recorded response
// hashes the two answers must differ (same answer, other verdict = a scorer edit, not instability). The history is
// read as summaries: per-case data is loaded only for the newest runs of each condition that more than one run shares
// (unstableGroups, casesToCompare), and a case is looked up through `cases`.

/** Runs per model, simulation mode, dataset and condition whose cases are compared (the newest). */
export const MAX_RUNS_PER_CONDITION = 10;

/** Per-case data of a run's dataset; undefined when not loaded. */
export type UnstableCaseLookup = (runId: string, datasetKey: string) => DatasetResult['cases'] | undefined;

/** A case whose pass/fail verdict flipped between runs with identical score-changing fingerprints. */
export const UnstableCaseSchema = z.object({
  /** Model key (project) of the runs. */
  modelKey: z.string(),
  /** Simulation mode of the runs; null = a real model. */
  simulation: z.string().nullable(),
  /** Dataset key, e.g. `gsm8k/0shot`. */
  dataset: z.string(),
  caseId: z.string(),
  /** Runs that scored the case under the conditions it flipped in. */
  runs: z.number().int().positive(),
  /** How many of those passed it. */
  passes: z.number().int().nonnegative(),
});
export type UnstableCase = z.infer<typeof UnstableCaseSchema>;

interface Observation {
  pass: boolean;
  response: string | undefined;
}

/** The runs and datasets whose cases these groups compare: by run id, the dataset keys. */
export function casesToCompare(groups: readonly UnstableGroup[]): Map<string, Set<string>> {
  const wanted = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const runId of group.runs) wanted.set(runId, (wanted.get(runId) ?? new Set<string>()).add(group.dataset));
  }
  return wanted;
}

/**
 * Every unstable case in a history, ordered by model, simulation mode, dataset and case id. `cases` gives per-case
 * data (by default the runs' own, when they are full records); runs whose cases it does not give are left out.
 */
export function findUnstableCases(runs: readonly RunSummary[], cases: UnstableCaseLookup = ownCases(runs)): UnstableCase[] {
  return mergeUnstable(unstableGroups(runs).flatMap((group) => findUnstableCasesOf(group, cases)));
}

/** A set of runs whose cases findUnstableCases compares: the newest runs of one model, mode, dataset and condition. */
export interface UnstableGroup {
  /** Identifies the model, simulation mode, dataset and everything that changes its scores. */
  id: string;
  modelKey: string;
  simulation: string | null;
  dataset: string;
  metric: string;
  /** Run ids, newest first, at most MAX_RUNS_PER_CONDITION. */
  runs: string[];
}

/** The groups of a history whose cases are compared (two runs or more). */
export function unstableGroups(runs: readonly RunSummary[]): UnstableGroup[] {
  return [...groupByCondition(runs)].filter(([, group]) => group.runs.length >= 2).map(([id, group]) => ({ id, ...group }));
}

/** The unstable cases of one group, in no particular order. */
export function findUnstableCasesOf(group: UnstableGroup, cases: UnstableCaseLookup): UnstableCase[] {
  const observed = new Map<string, Observation[]>();
  for (const runId of group.runs) {
    for (const [caseId, c] of Object.entries(cases(runId, group.dataset) ?? {})) {
      const score = c.scores[group.metric];
      if (c.verdict === 'error' || score === null || score === undefined) continue;
      const seen = observed.get(caseId) ?? [];
      seen.push({ pass: score >= PASS_SCORE, response: c.responseHash });
      observed.set(caseId, seen);
    }
  }
  const found: UnstableCase[] = [];
  for (const [caseId, seen] of observed) {
    if (!flipped(seen)) continue;
    const { modelKey, simulation, dataset } = group;
    found.push({ modelKey, simulation, dataset, caseId, runs: seen.length, passes: seen.filter((o) => o.pass).length });
  }
  return found;
}

/**
 * Unstable cases of several groups as one list: a case unstable under two conditions is one entry counting the runs
 * of both; ordered by model, simulation mode, dataset and case id.
 */
export function mergeUnstable(cases: readonly UnstableCase[]): UnstableCase[] {
  const merged = new Map<string, UnstableCase>();
  for (const c of cases) {
    const id = JSON.stringify([c.modelKey, c.simulation, c.dataset, c.caseId]);
    const entry = merged.get(id);
    if (entry) {
      entry.runs += c.runs;
      entry.passes += c.passes;
    } else merged.set(id, { ...c });
  }
  return sortUnstable([...merged.values()]);
}

// Model, simulation mode, dataset, case id.
function sortUnstable(cases: UnstableCase[]): UnstableCase[] {
  return cases.sort(
    (a, b) =>
      a.modelKey.localeCompare(b.modelKey) ||
      (a.simulation ?? '').localeCompare(b.simulation ?? '') ||
      a.dataset.localeCompare(b.dataset) ||
      compareCaseIds(a.caseId, b.caseId),
  );
}

/** Unstable case ids of one model and simulation mode, per dataset key. */
export function unstableIdsByDataset(
  cases: readonly UnstableCase[],
  modelKey: string,
  simulation: string | null,
): Record<string, string[]> {
  const byDataset: Record<string, string[]> = {};
  for (const c of cases) {
    if (c.modelKey !== modelKey || c.simulation !== simulation) continue;
    const ids = byDataset[c.dataset] ?? [];
    ids.push(c.caseId);
    byDataset[c.dataset] = ids;
  }
  return byDataset;
}

// A pass and a fail whose answers differ (or are not known to be the same).
function flipped(seen: readonly Observation[]): boolean {
  const passes = seen.filter((o) => o.pass);
  const fails = seen.filter((o) => !o.pass);
  return passes.some((p) => fails.some((f) => p.response === undefined || f.response === undefined || p.response !== f.response));
}

// Runs with one fingerprint share their conditions: computed once per fingerprint, dataset and selection, since a long
// history holds many runs of few fingerprints and each listing groups it again (the fingerprint's text is the key,
// not its hash: a record edited by hand keeps a hash that no longer matches). Forgotten when full: bounded memory.
const rememberedCondition = memoizeByKey(
  (_memoKey, run: RunSummary, key: string, selected: number | null) => computeCondition(run, key, selected),
  { max: 10_000 },
);

function conditionOf(run: RunSummary, key: string): string {
  const selected = run.simulation === null ? null : run.datasets[key]!.counts.cases;
  return rememberedCondition(`${JSON.stringify(run.fingerprint)}\0${key}\0${selected}`, run, key, selected);
}

// Everything that changes this dataset's scores: the score-changing fingerprint keys, global and of this dataset. A
// simulated server's script also depends on how many cases were selected (`selected`), so that counts too.
function computeCondition(run: RunSummary, key: string, selected: number | null): string {
  const entries = Object.keys(run.fingerprint)
    .filter((k) => isScoreChangingKey(k) && (datasetOfKey(k) === null || datasetOfKey(k) === key))
    .sort()
    .map((k) => [k, run.fingerprint[k]]);
  if (selected !== null) entries.push(['selected', selected]);
  return JSON.stringify(entries);
}

interface ConditionGroup {
  modelKey: string;
  simulation: string | null;
  dataset: string;
  metric: string;
  /** Run ids, newest first, at most MAX_RUNS_PER_CONDITION. */
  runs: string[];
}

// Runs grouped by model, simulation mode, dataset and everything that changes its scores (pass/fail metrics only;
// interrupted runs and replays left out).
// One grouping per runs array: a run asks for the candidates, then for the unstable cases, of the same history.
const grouped = new WeakMap<readonly RunSummary[], Map<string, ConditionGroup>>();

function groupByCondition(runs: readonly RunSummary[]): Map<string, ConditionGroup> {
  const known = grouped.get(runs);
  if (known) return known;
  const groups = new Map<string, ConditionGroup>();
  grouped.set(runs, groups);
  // Code-unit order (ISO times, run ids): localeCompare would cost more than the rest of the grouping.
  const newestFirst = [...runs].sort((a, b) => compareCodeUnits(b.startedAt, a.startedAt) || compareCodeUnits(b.runId, a.runId));
  for (const run of newestFirst) {
    if (run.status === 'interrupted' || run.replayOf !== null) continue;
    for (const [key, result] of Object.entries(run.datasets)) {
      const metric = result.primaryMetric;
      if (result.metrics[metric]?.kind !== 'proportion') continue;
      const id = JSON.stringify([run.model.key, run.simulation, key, conditionOf(run, key)]);
      const group = groups.get(id) ?? { modelKey: run.model.key, simulation: run.simulation, dataset: key, metric, runs: [] };
      if (group.runs.length < MAX_RUNS_PER_CONDITION) group.runs.push(run.runId);
      groups.set(id, group);
    }
  }
  return groups;
}

// The runs' own per-case data, when they are full run records.
function ownCases(runs: readonly RunSummary[]): UnstableCaseLookup {
  const byId = new Map(runs.map((run) => [run.runId, run]));
  return (runId, key) => (byId.get(runId)?.datasets[key] as Partial<DatasetResult> | undefined)?.cases;
}
