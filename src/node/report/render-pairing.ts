import type { DatasetPairing, RunPairing } from '../../shared/records/pairing.ts';
import { formatDelta, formatInterval, formatP, formatScore } from '../../shared/stats/format.ts';

// The console lines of a paired comparison (a watch re-run with the previous run, a replay with the replayed run):
// per dataset the paired change with its interval and p-value, what it is attributed to, and the flipped cases.

/** Flipped case ids listed per dataset and direction before "+N more". */
export const MAX_LISTED_FLIPS = 20;

/** Lines for the end-of-run summary. */
export function renderPairing(pairing: RunPairing): string[] {
  const entries = Object.entries(pairing.datasets);
  if (entries.length === 0) return [];
  const lines = ['', `  ${headingOf(pairing, entries[0]![1].previousRunId)}`];
  for (const [key, d] of entries) lines.push(...renderDataset(key, d));
  return lines;
}

function headingOf(pairing: RunPairing, previous: string): string {
  if (pairing.kind === 'replay')
    return `Replay: the answers of run ${previous} scored again with today's scorers (no server), paired case by case:`;
  const trigger = pairing.trigger ? ` after ${pairing.trigger} changed` : '';
  return `Watch re-run${trigger}, paired case by case with the previous run of each dataset:`;
}

function renderDataset(key: string, d: DatasetPairing): string[] {
  const change =
    d.nPaired === 0
      ? 'no case scored in both runs'
      : `${formatScore(d.before)} → ${formatScore(d.after)}  Δ ${formatDelta(d.diff)} (95% CI ${formatInterval(d.ci)}), ` +
        `${formatP(d.p)} (${d.test}, ${d.nPaired} paired)`;
  return [
    `  ${key} ${d.metric} ${change} vs ${d.previousRunId}`,
    `    cause: ${describeCauses(d)}`,
    ...(d.fixed.length || d.broken.length
      ? [`    fixed (${d.fixed.length}): ${listIds(d.fixed)}`, `    broken (${d.broken.length}): ${listIds(d.broken)}`]
      : ['    flipped: none']),
    ...(d.unstable.length ? [`    known unstable among them (flip between identical runs): ${listIds(d.unstable)}`] : []),
  ];
}

/** What a dataset's change is attributed to, in words: `prompt change (3 of 8 prompts differ)`. */
export function describeCauses(d: DatasetPairing): string {
  const { prompts, answers, scoring } = d.changes;
  const parts: string[] = [];
  for (const cause of d.causes) {
    if (cause === 'data') parts.push('data change (dataset files differ)');
    else if (cause === 'prompt') parts.push(prompts ? `prompt change (${prompts} of ${d.nPaired} prompts differ)` : 'prompt change');
    else if (cause === 'scorer') parts.push(`scorer change (${scoring} case(s) scored differently on identical answers)`);
    else if (cause === 'config')
      parts.push(`configuration change (${d.fingerprint.filter((k) => !/^(prompt|dataset)\./.test(k)).join(', ')})`);
  }
  if (d.causes.includes('answers')) {
    const what = `${answers} answer(s) differ on identical prompts`;
    parts.push(parts.length ? what : `noise: ${what} (the server's nondeterminism, not a change of yours)`);
  }
  return parts.length ? parts.join('; ') : 'no change (same prompts, answers and scores)';
}

function listIds(ids: readonly string[]): string {
  if (ids.length === 0) return '—';
  const shown = ids.slice(0, MAX_LISTED_FLIPS).join(', ');
  return ids.length > MAX_LISTED_FLIPS ? `${shown} (+${ids.length - MAX_LISTED_FLIPS} more in the run record)` : shown;
}
