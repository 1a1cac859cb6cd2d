import { findUnstableCases, unstableCandidates, unstableIdsByDataset } from '../../shared/history/unstable-cases.ts';
import { loadCases } from './case-data.ts';
import { listRunSummaries } from './store.ts';

// The unstable cases a model's baseline gates leave out, from the history under the results folder: summaries for
// every run, per-case data only for the runs of this model and simulation mode that share a condition.

/** Unstable case ids of a model and simulation mode per dataset key (`{}` when none). */
export async function readUnstableCases(
  resultsDir: string,
  modelKey: string,
  simulation: string | null,
): Promise<Record<string, string[]>> {
  const history = await listRunSummaries(resultsDir);
  const own = history.runs.filter(({ record }) => record.model.key === modelKey && record.simulation === simulation);
  const summaries = own.map((run) => run.record);
  const loaded = await loadCases(own, unstableCandidates(summaries));
  const found = findUnstableCases(summaries, (runId, key) => loaded.get(runId)?.get(key));
  return unstableIdsByDataset(found, modelKey, simulation);
}
