import type { DatasetAggregate } from '../../shared/records/aggregate.ts';
import { formatInterval, formatScore } from '../../shared/stats/format.ts';

// The run summary's lines for scores across dataset keys (BFCL's overall): one block per dataset and group.

/** Widest line before the items wrap. */
const MAX_LINE = 130;

/** `  bfcl overall (tools): non_live_ast 0.850 (0.830-0.870), live_ast ...`, wrapped; the keys a summary lacks noted. */
export function renderAggregateLines(aggregates: readonly DatasetAggregate[]): string[] {
  const groups = new Map<string, DatasetAggregate[]>();
  for (const aggregate of aggregates) {
    const key = `${aggregate.dataset} overall (${aggregate.group})`;
    groups.set(key, [...(groups.get(key) ?? []), aggregate]);
  }
  const lines: string[] = [];
  for (const [title, items] of groups) {
    let line = `  ${title}:`;
    for (const [i, item] of items.entries()) {
      const text = ` ${item.name} ${formatScore(item.value)} (${formatInterval(item.ci)})${i < items.length - 1 ? ',' : ''}`;
      if (line.length + text.length > MAX_LINE) {
        lines.push(line);
        line = `   `;
      }
      line += text;
    }
    lines.push(line);
    const missing = [...new Set(items.flatMap((item) => item.missing))];
    if (missing.length) lines.push(`    not run, counted as 0: ${missing.join(', ')}`);
  }
  return lines.length ? ['', ...lines] : [];
}
