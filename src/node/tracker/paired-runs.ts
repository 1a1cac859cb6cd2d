import type { DatasetPairing, RunPairing } from '../../shared/records/pairing.ts';
import type { RunSummary } from '../../shared/records/run-summary.ts';
import type { UnstableCase } from '../../shared/history/unstable-cases.ts';
import { formatDelta, formatInterval, formatP, formatScore } from '../../shared/stats/format.ts';
import { describeCauses } from '../report/render-pairing.ts';
import { capped, code, formatTime, omittedLine, table } from './markdown.ts';

// The tracker's prompt-tuning sections, as pure functions: runs paired with the run they follow (replays: old vs new
// scores of the same answers; watch re-runs: before vs after an edit) with their flipped cases, and the unstable
// cases of the history.

/** Paired runs shown, newest first. */
export const MAX_PAIRED_RUNS = 8;
/** Case ids listed per cell. */
export const MAX_PAIRED_IDS = 10;
/** Unstable cases listed per dataset. */
export const MAX_UNSTABLE_IDS = 20;
/** Label of everything produced by the simulated vLLM (as the rest of the tracker). */
const SIMULATED = 'SIMULATED';

/** A run with a paired comparison, as the tracker shows it. */
export interface PairedRunEntry {
  runId: string;
  startedAt: string;
  modelKey: string;
  preset: string;
  simulation: string | null;
  pairing: RunPairing;
}

/** Runs that carry a paired comparison, newest first. */
export function pairedRunEntries(runs: readonly RunSummary[]): PairedRunEntry[] {
  return runs
    .filter((run) => run.comparison !== null && Object.keys(run.comparison.datasets).length > 0)
    .map((run) => ({
      runId: run.runId,
      startedAt: run.startedAt,
      modelKey: run.model.key,
      preset: run.preset,
      simulation: run.simulation,
      pairing: run.comparison!,
    }))
    .reverse();
}

/** The "Replays and watch re-runs" section. */
export function renderPairedRuns(entries: readonly PairedRunEntry[]): string[] {
  const lines = ['## Replays and watch re-runs', ''];
  if (entries.length === 0) return [...lines, '_None yet: a watch-mode re-run or an `EVAL_REPLAY` run shows here with its flipped cases._'];
  lines.push(
    'Each run paired case by case with the run it follows: a replay with the run whose answers it scored again (old vs new scores), ' +
      'a watch re-run with the previous run of each dataset. p: exact McNemar on the flipped cases (paired bootstrap for graded metrics).',
    '',
  );
  const { shown, omitted } = capped(entries, MAX_PAIRED_RUNS);
  for (const entry of shown) lines.push(...renderEntry(entry), '');
  if (omitted > 0) lines.push(omittedLine(omitted, 'paired runs'));
  return lines;
}

function renderEntry(entry: PairedRunEntry): string[] {
  const { pairing } = entry;
  const previous = [...new Set(Object.values(pairing.datasets).map((d) => d.previousRunId))];
  const what =
    pairing.kind === 'replay'
      ? `replays the answers of ${code(previous[0]!)} with the scorers of that day (no server)`
      : `watch re-run${pairing.trigger ? ` after ${code(pairing.trigger)} changed` : ''}, paired with ${previous.map(code).join(', ')}`;
  const simulated = entry.simulation !== null ? ` — ${SIMULATED} (${entry.simulation})` : '';
  const rows = Object.entries(pairing.datasets).map(([key, d]) => row(key, d));
  return [
    `### ${code(entry.runId)}${simulated}`,
    '',
    `${entry.modelKey} · ${entry.preset} · ${formatTime(entry.startedAt)}: ${what}.`,
    '',
    ...table(['Dataset', 'Metric', 'Old', 'New', 'Δ (95% CI)', 'Paired', 'Cause', 'Fixed', 'Broken'], rows),
  ];
}

function row(key: string, d: DatasetPairing): string[] {
  return [
    key,
    d.metric,
    formatScore(d.before),
    formatScore(d.after),
    d.nPaired ? `${formatDelta(d.diff)} (${formatInterval(d.ci)})` : '—',
    d.nPaired ? `${formatP(d.p)} (n=${d.nPaired})` : '—',
    describeCauses(d),
    listIds(d.fixed),
    listIds(d.broken),
  ];
}

/** The "Unstable cases" section: cases that flipped between runs with identical fingerprints. */
export function renderUnstableCases(cases: readonly UnstableCase[]): string[] {
  const lines = ['## Unstable cases', ''];
  if (cases.length === 0) return [...lines, '_None seen: no case has flipped between two runs with identical fingerprints._'];
  lines.push(
    'Cases that passed in one run and failed in another with identical score-changing fingerprints (same model, prompts, data, ' +
      'sampling): the server’s nondeterminism at temperature 0 (batch composition, kernels). Baseline gates leave them out of their discordant pairs.',
    '',
  );
  const groups = new Map<string, UnstableCase[]>();
  for (const c of cases) {
    const key = JSON.stringify([c.modelKey, c.simulation, c.dataset]);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const rows = [...groups.values()].map((group) => {
    const first = group[0]!;
    const ids = group.map((c) => `${c.caseId} (${c.passes}/${c.runs})`);
    return [
      first.modelKey + (first.simulation !== null ? ` — ${SIMULATED} (${first.simulation})` : ''),
      first.dataset,
      String(group.length),
      listIds(ids, MAX_UNSTABLE_IDS),
    ];
  });
  return [...lines, ...table(['Model', 'Dataset', 'Unstable', 'Case ids (passed/runs)'], rows)];
}

function listIds(ids: readonly string[], max = MAX_PAIRED_IDS): string {
  if (ids.length === 0) return '—';
  const { shown, omitted } = capped(ids, max);
  return `${shown.join(', ')}${omitted ? ` (+${omitted} more)` : ''}`;
}
