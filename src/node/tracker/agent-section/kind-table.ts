import { formatInterval, formatScore } from '../../../shared/stats/format.ts';
import { formatNumber, table } from '../markdown.ts';
import type { KindDataset, KindGroup } from './model.ts';

// The plain table of a kind's datasets: primary metric with its interval, samples, failures counted apart.

/** `0.900 (0.867-0.925)`, or an em dash when nothing was scored. */
export function formatValue(dataset: Pick<KindDataset, 'value'>): string {
  return dataset.value.value === null ? '—' : `${formatScore(dataset.value.value)} (${formatInterval(dataset.value.ci)})`;
}

/** `400 of 400`. */
export function formatSamples(dataset: Pick<KindDataset, 'cases' | 'datasetSize'>): string {
  return dataset.datasetSize === null
    ? formatNumber(dataset.cases, 0)
    : `${formatNumber(dataset.cases, 0)} of ${formatNumber(dataset.datasetSize, 0)}`;
}

/** Failures that are not wrong answers, for the notes cell. */
export function failureNotes(dataset: KindDataset): string[] {
  return [
    dataset.parserFailed ? `${dataset.parserFailed} parser failures (not scored)` : '',
    dataset.unparseable ? `${dataset.unparseable} unparseable` : '',
    dataset.errors ? `${dataset.errors} errors` : '',
  ].filter(Boolean);
}

/** One row per dataset: key, metric, score with interval, samples, notes. */
export function renderKindTable(group: KindGroup): string[] {
  const rows = group.datasets.map((d) => [d.key, d.primaryMetric, formatValue(d), formatSamples(d), failureNotes(d).join('; ')]);
  return table(['Dataset', 'Metric', 'Score (95% CI)', 'Samples', 'Notes'], rows);
}
