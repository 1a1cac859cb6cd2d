import type { RunSummary } from './types.ts';

// A dataset's score over time: one series per model, preset and simulation, from the runs shown.

/** One run's value of a metric, with its interval. */
export interface HistoryPoint {
  runId: string;
  startedAt: string;
  value: number;
  ci: [number, number] | null;
}

/** The points of one model/preset/simulation, oldest first. */
export interface HistorySeries {
  label: string;
  points: HistoryPoint[];
}

/** Series of a dataset's primary metric (or `metric`) over the runs that have it, grouped by model, preset and simulation. */
export function buildHistory(runs: readonly RunSummary[], datasetKey: string, metric?: string): HistorySeries[] {
  const byLabel = new Map<string, HistoryPoint[]>();
  for (const run of runs) {
    const dataset = run.datasets.find((d) => d.key === datasetKey);
    const value = dataset?.metrics[metric ?? dataset.primaryMetric];
    if (!dataset || !value || value.value === null) continue;
    const label = `${run.modelId} · ${run.preset}${run.simulation === null ? '' : ` · simulated ${run.simulation}`}`;
    const points = byLabel.get(label) ?? [];
    points.push({ runId: run.runId, startedAt: run.startedAt, value: value.value, ci: value.ci });
    byLabel.set(label, points);
  }
  return [...byLabel].map(([label, points]) => ({
    label,
    points: points.sort((x, y) => x.startedAt.localeCompare(y.startedAt)),
  }));
}
