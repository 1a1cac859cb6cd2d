// Markdown helpers shared by the tracker and the step summary.

/** Escape a table cell: pipes would split the cell, newlines would end the row. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A markdown table; cells are escaped here. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ];
}

/** Keep the first `max` items and say how many were left out. */
export function capped<T>(items: readonly T[], max: number): { shown: T[]; omitted: number } {
  return { shown: items.slice(0, max), omitted: Math.max(0, items.length - max) };
}

/** The "N more … omitted" line. */
export function omittedLine(omitted: number, what: string): string {
  return `_${omitted} more ${what} omitted._`;
}

/** `2026-11-27 18:40 UTC` from an ISO timestamp (the raw text when it does not parse). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// Made on first use: building an Intl formatter loads ICU data (about 15 ms each), which a run's start need not wait for.
const formats: Partial<Record<0 | 1, Intl.NumberFormat>> = {};

/** `1,234.5`, or an em dash for null. */
export function formatNumber(value: number | null | undefined, decimals: 0 | 1 = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  formats[decimals] ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: decimals });
  return formats[decimals].format(value);
}

/** `+12.5%` / `-3.0%`. */
export function formatPercentChange(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;
}

/** Duration from milliseconds: `12m 03s`, `4.2 s`, `850 ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}h ${String(minutes).padStart(2, '0')}m ${seconds}s` : `${minutes}m ${seconds}s`;
}
