import type { MetricValue } from '../../shared/records/metric.ts';
import type { RunRecord } from '../../shared/records/run-record.ts';
import type { Section } from './model.ts';
import { thinkingLabel } from './thinking-label.ts';

// The tracker's first table: where each model and preset stands on each dataset, from the sections (the newest
// result per model, preset, simulation mode and thinking switch). Real and simulated runs are separate tables.

/** A column: one section (model · preset, and thinking / simulation mode when they apply). */
export interface OverviewColumn {
  modelKey: string;
  preset: string;
  simulation: string | null;
  thinking: string;
  latestRunId: string;
}

/** A cell: the dataset's primary metric in that section, where it comes from, and whether it is the model's best preset. */
export interface OverviewCell {
  metric: string;
  value: MetricValue;
  runId: string;
  /** Cases run, and the dataset's size when the run covered only part of it (EVAL_LIMIT, interrupted). */
  cases: number;
  datasetSize: number | null;
  /** Highest value of this dataset among the presets of the same model (same simulation mode and thinking), when two or more have one. */
  bestPreset: boolean;
  runStatus: RunRecord['status'];
}

/** A row: one dataset, one cell per column (null = never run there). */
export interface OverviewRow {
  dataset: string;
  label: string;
  cells: Array<OverviewCell | null>;
}

/** One overview table. */
export interface OverviewTable {
  simulated: boolean;
  columns: OverviewColumn[];
  rows: OverviewRow[];
}

/** Overview tables from the sections: the real runs' first, then the simulated runs' (each only when it has columns). */
export function buildOverview(sections: readonly Section[]): OverviewTable[] {
  return [false, true]
    .map((simulated) =>
      buildTable(
        simulated,
        sections.filter((s) => (s.simulation !== null) === simulated),
      ),
    )
    .filter((t) => t.columns.length > 0);
}

function buildTable(simulated: boolean, sections: readonly Section[]): OverviewTable {
  const columns = sections.map(
    (s): OverviewColumn => ({
      modelKey: s.modelKey,
      preset: s.preset,
      simulation: s.simulation,
      thinking: s.reasoning ? thinkingLabel(s.reasoning) : '',
      latestRunId: s.latestRunId,
    }),
  );
  const labels = new Map<string, string>();
  for (const section of sections) for (const d of section.datasets) if (!labels.has(d.key)) labels.set(d.key, d.label);
  const rows = [...labels.keys()].sort(compareDatasetKeys).map((key): OverviewRow => {
    const cells = sections.map((section): OverviewCell | null => {
      const dataset = section.datasets.find((d) => d.key === key);
      const primary = dataset?.metrics.find((m) => m.primary);
      if (!dataset || !primary) return null;
      return {
        metric: primary.metric,
        value: primary.value,
        runId: dataset.runId,
        cases: dataset.cases,
        datasetSize: dataset.datasetSize,
        bestPreset: false,
        runStatus: dataset.runStatus,
      };
    });
    markBestPresets(columns, cells);
    return { dataset: key, label: labels.get(key)!, cells };
  });
  return { simulated, columns, rows };
}

// Per model (and simulation mode and thinking), the preset with the highest value wins when two or more presets
// have one and the best is not tied.
function markBestPresets(columns: readonly OverviewColumn[], cells: Array<OverviewCell | null>): void {
  const byModel = new Map<string, number[]>();
  columns.forEach((column, i) => {
    const key = JSON.stringify([column.modelKey, column.simulation, column.thinking]);
    byModel.set(key, [...(byModel.get(key) ?? []), i]);
  });
  for (const indexes of byModel.values()) {
    const scored = indexes.filter((i) => cells[i]?.value.value !== null && cells[i] !== null);
    if (scored.length < 2) continue;
    const values = scored.map((i) => cells[i]!.value.value!);
    const top = Math.max(...values);
    const winners = scored.filter((i) => cells[i]!.value.value === top);
    if (winners.length === 1) cells[winners[0]!]!.bestPreset = true;
  }
}

// Dataset keys in name order, numbers compared as numbers (long_context/4k before /16k).
function compareDatasetKeys(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
