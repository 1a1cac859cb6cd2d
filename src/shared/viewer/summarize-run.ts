import type { RunSummary as StoredRunSummary } from '../records/run-summary.ts';
import type { RunSummary, ViewerIndex } from './types.ts';

// The runs list's view of run records: everything but the per-case entries, newest run first.

/** Summarise a run (record or summary) for the runs list; `hasCases` says whether its case records are there to page. */
export function summarizeRun(record: StoredRunSummary, hasCases: boolean): RunSummary {
  const failed = record.gates.filter((gate) => !gate.passed).length;
  return {
    runId: record.runId,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    status: record.status,
    simulation: record.simulation,
    project: record.project,
    modelKey: record.model.key,
    modelId: record.model.id,
    preset: record.preset,
    datasets: Object.entries(record.datasets).map(([key, result]) => ({
      key,
      label: result.label,
      primaryMetric: result.primaryMetric,
      primaryRange: result.metricSpecs.find((spec) => spec.name === result.primaryMetric)?.range ?? [0, 1],
      metrics: result.metrics,
      counts: result.counts,
    })),
    performance: record.performance,
    serverMetrics: record.serverMetrics,
    benchmarks: record.benchmarks,
    gates: { passed: record.gates.length - failed, failed },
    hasCases,
  };
}

/** Build the page's index of a results folder: every run summarised, newest first (start time, then run id). */
export function buildIndex(resultsDir: string, records: readonly StoredRunSummary[], hasCases: (runId: string) => boolean): ViewerIndex {
  const runs = records.map((record) => summarizeRun(record, hasCases(record.runId)));
  runs.sort((x, y) => y.startedAt.localeCompare(x.startedAt) || y.runId.localeCompare(x.runId));
  return { resultsDir, runs };
}
