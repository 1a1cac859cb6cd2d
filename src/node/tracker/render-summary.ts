import { formatInterval, formatScore } from '../../shared/stats/format.ts';
import { isCovered, type CoverageItem } from './coverage.ts';
import { capped, code, formatNumber, table } from './markdown.ts';
import type { TrackerModel } from './model.ts';
import type { OverviewCell, OverviewColumn, OverviewTable } from './overview.ts';
import { changelogLine, joinMarkdown, noResultsLine, renderTrackerHeader, SIMULATED_LABEL } from './render.ts';

// TRACKER.md: what a reader wants first, bounded whatever the history: the overview of where each model and preset
// stands, what is left to run, the run behind each column and the newest runs. Every section, comparison and the
// whole changelog are in the full tracker it links to.
//
// Budget: 12 lines of frame, plus per overview table 6 + one per dataset, plus 4 + one per model × preset of the
// config (coverage), plus 4 + one per column (latest runs), plus 3 + RECENT_RUNS (recent runs). With 3 models × 3
// presets and the 8 built-in datasets: under 100 lines, however many runs.

/** File name of the full tracker, next to TRACKER.md. */
export const FULL_TRACKER_FILE = 'TRACKER-full.md';
/** Newest runs listed in TRACKER.md (the full tracker lists every run). */
export const RECENT_RUNS = 10;
/** Datasets named per coverage list before "+N more". */
const MAX_COVERAGE_NAMES = 6;

/** Render TRACKER.md (pure). Links are relative to the results folder: `runs/<id>.json`, `cases/<id>.jsonl`. */
export function renderTrackerSummary(model: TrackerModel): string {
  const lines = renderTrackerHeader(model, `Every section, comparison and run: [${FULL_TRACKER_FILE}](${FULL_TRACKER_FILE}).`);
  lines.push('', '## Overview', '');
  if (model.overview.length === 0) lines.push(noResultsLine(model));
  for (const overview of model.overview) lines.push(...renderOverview(overview), '');
  lines.push(...renderCoverage(model.coverage), '', ...renderLatestRuns(model.overview), '', ...renderRecentRuns(model));
  return joinMarkdown(lines);
}

function renderOverview(overview: OverviewTable): string[] {
  const heading = overview.simulated
    ? [`### ${SIMULATED_LABEL} runs (answers from the simulated vLLM, not a model's)`, '']
    : ['### Real runs', ''];
  const header = ['Dataset', ...overview.columns.map(columnLabel)];
  const rows = overview.rows.map((row) => [`${row.dataset}`, ...row.cells.map(renderCell)]);
  return [
    ...heading,
    'Primary metric of the newest result per model and preset, its 95% interval and cases; ★ the model’s best preset on the dataset; “—” never run. Each score links to its run record, “cases” to its case records.',
    '',
    ...table(header, rows),
  ];
}

function columnLabel(column: OverviewColumn): string {
  return [`${column.modelKey} · ${column.preset}`, column.thinking, column.simulation !== null ? `(${column.simulation})` : '']
    .filter(Boolean)
    .join(' ');
}

function renderCell(cell: OverviewCell | null): string {
  if (cell === null) return '—';
  const partial = cell.datasetSize !== null && cell.cases < cell.datasetSize ? ` of ${formatNumber(cell.datasetSize, 0)}` : '';
  const status = cell.runStatus === 'complete' ? '' : ` (${cell.runStatus} run)`;
  return [
    `[${formatScore(cell.value.value)}](${runLink(cell.runId)})`,
    cell.value.ci ? formatInterval(cell.value.ci) : '',
    `n=${formatNumber(cell.value.n, 0)}${partial}${status}`,
    cell.bestPreset ? '★' : '',
    `[cases](${casesLink(cell.runId)})`,
  ]
    .filter(Boolean)
    .join(' ');
}

function renderCoverage(items: readonly CoverageItem[]): string[] {
  const lines = [
    '## Coverage',
    '',
    'Per model and preset of the config, from real runs only: datasets never run, run in part, or run before the prompt, dataset pin, harness or vLLM version changed.',
    '',
  ];
  if (items.length === 0) return [...lines, '_No models or presets in the config._'];
  for (const item of items) lines.push(coverageLine(item));
  return lines;
}

function coverageLine(item: CoverageItem): string {
  const who = `${code(item.modelKey)} · ${item.preset}`;
  if (isCovered(item)) return `- [x] ${who}: complete and current`;
  if (item.neverRun) return `- [ ] ${who}: never run${item.missing.length ? ` (${names(item.missing)})` : ''}`;
  const parts: string[] = [];
  if (item.missing.length > 0) parts.push(`never run: ${names(item.missing)}`);
  if (item.partial.length > 0)
    parts.push(
      `partial: ${names(
        item.partial.map((p) =>
          p.datasetSize !== null && p.cases < p.datasetSize
            ? `${p.dataset} (${formatNumber(p.cases, 0)} of ${formatNumber(p.datasetSize, 0)})`
            : `${p.dataset} (${p.runStatus} run)`,
        ),
      )}`,
    );
  if (item.stale.length > 0)
    parts.push(`stale: ${names(item.stale.map((s) => `${s.dataset} (${s.changes.join(', ')} since [run](${runLink(s.runId)}))`))}`);
  return `- [ ] ${who}: ${parts.join(' · ')}`;
}

function names(list: readonly string[]): string {
  const { shown, omitted } = capped(list, MAX_COVERAGE_NAMES);
  return shown.join(', ') + (omitted > 0 ? `, +${omitted} more` : '');
}

function renderLatestRuns(overview: readonly OverviewTable[]): string[] {
  const columns = overview.flatMap((t) => t.columns);
  if (columns.length === 0) return [];
  const rows = columns.map((column) => [columnLabel(column), `[${column.latestRunId}](${runLink(column.latestRunId)})`]);
  return [
    '## Where each column comes from',
    '',
    'Newest run per column; older runs may supply some of its datasets (each score links to its own run).',
    '',
    ...table(['Model · preset', 'Newest run'], rows),
  ];
}

function renderRecentRuns(model: TrackerModel): string[] {
  const { shown, omitted } = capped(model.changelog, RECENT_RUNS);
  if (shown.length === 0) return [];
  return [
    `## Recent runs`,
    '',
    ...shown.map(changelogLine),
    ...(omitted > 0 ? ['', `_${omitted} older run(s) in [${FULL_TRACKER_FILE}](${FULL_TRACKER_FILE})._`] : []),
  ];
}

function runLink(runId: string): string {
  return `runs/${encodeURIComponent(runId)}.json`;
}

function casesLink(runId: string): string {
  return `cases/${encodeURIComponent(runId)}.jsonl`;
}
