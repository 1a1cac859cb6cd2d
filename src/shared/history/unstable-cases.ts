import { compareCaseIds, PASS_SCORE } from '../gates/compare.ts';
import type { RunRecord } from '../records/run-record.ts';
import { datasetOfKey, isScoreChangingKey } from './fingerprint.ts';

// Unstable cases: a case that passed in one run and failed in another although nothing that changes scores differed
// (same model, prompts, data, sampling, judge, harness): at temperature 0 that is the server's nondeterminism (batch
// composition, kernels). Found in the history; the baseline gate leaves such cases out of its discordant pairs.
// Only pass/fail metrics are considered; replays (same answers) never count, and when both runs recorded response
// hashes the two answers must differ (same answer, other verdict = a scorer edit, not instability).

/** A case whose pass/fail verdict flipped between runs with identical score-changing fingerprints. */
export interface UnstableCase {
  /** Model key (project) of the runs. */
  modelKey: string;
  /** Simulation mode of the runs; null = a real model. */
  simulation: string | null;
  /** Dataset key, e.g. `gsm8k/0shot`. */
  dataset: string;
  caseId: string;
  /** Runs that scored the case under the conditions it flipped in. */
  runs: number;
  /** How many of those passed it. */
  passes: number;
}

interface Observation {
  pass: boolean;
  response: string | undefined;
}

/** Every unstable case in a history, ordered by model, simulation mode, dataset and case id. */
export function findUnstableCases(runs: readonly RunRecord[]): UnstableCase[] {
  const groups = new Map<string, { modelKey: string; simulation: string | null; dataset: string; cases: Map<string, Observation[]> }>();
  for (const run of runs) {
    if (run.status === 'interrupted' || run.replayOf !== null) continue;
    for (const [key, result] of Object.entries(run.datasets)) {
      const metric = result.primaryMetric;
      if (result.metrics[metric]?.kind !== 'proportion') continue;
      const id = JSON.stringify([run.model.key, run.simulation, key, conditionOf(run, key)]);
      let group = groups.get(id);
      if (!group) {
        group = { modelKey: run.model.key, simulation: run.simulation, dataset: key, cases: new Map() };
        groups.set(id, group);
      }
      for (const [caseId, c] of Object.entries(result.cases)) {
        const score = c.scores[metric];
        if (c.verdict === 'error' || score === null || score === undefined) continue;
        const seen = group.cases.get(caseId) ?? [];
        seen.push({ pass: score >= PASS_SCORE, response: c.responseHash });
        group.cases.set(caseId, seen);
      }
    }
  }
  const found = new Map<string, UnstableCase>();
  for (const group of groups.values()) {
    for (const [caseId, seen] of group.cases) {
      if (!flipped(seen)) continue;
      const id = JSON.stringify([group.modelKey, group.simulation, group.dataset, caseId]);
      const entry = found.get(id) ?? {
        modelKey: group.modelKey,
        simulation: group.simulation,
        dataset: group.dataset,
        caseId,
        runs: 0,
        passes: 0,
      };
      entry.runs += seen.length;
      entry.passes += seen.filter((o) => o.pass).length;
      found.set(id, entry);
    }
  }
  return [...found.values()].sort(
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

// Everything that changes this dataset's scores: the score-changing fingerprint keys, global and of this dataset. A
// simulated server's script also depends on how many cases were selected, so that counts too.
function conditionOf(run: RunRecord, key: string): string {
  const entries = Object.keys(run.fingerprint)
    .filter((k) => isScoreChangingKey(k) && (datasetOfKey(k) === null || datasetOfKey(k) === key))
    .sort()
    .map((k) => [k, run.fingerprint[k]]);
  if (run.simulation !== null) entries.push(['selected', run.datasets[key]!.counts.cases]);
  return JSON.stringify(entries);
}
