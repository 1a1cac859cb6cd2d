import { BFCL_CATEGORIES } from '../../../evals/bfcl/categories.ts';
import { parseBfclVariant } from '../../../evals/bfcl/variants.ts';
import type { DatasetAggregate } from '../../../shared/records/aggregate.ts';
import { formatInterval, formatScore } from '../../../shared/stats/format.ts';
import { code, formatNumber, table } from '../markdown.ts';
import { failureNotes, formatSamples, formatValue, renderKindTable } from './kind-table.ts';
import type { KindDataset, KindGroup } from './model.ts';

// Function calling: BFCL per mode (per-category accuracy with intervals, BFCL's overall numbers, parser failures),
// then any other function-calling suite in the plain table.

const MODE_TEXT: Record<string, string> = {
  tools: "OpenAI `tools` API through vLLM's tool parser",
  qwen_text: "BFCL's own Qwen prompt on raw /v1/completions, `<tool_call>` read from the text",
};

/** The function-calling lines of a section. */
export function renderFunctionCalling(group: KindGroup): string[] {
  const bfcl = group.datasets.filter((d) => d.dataset === 'bfcl');
  const others = group.datasets.filter((d) => d.dataset !== 'bfcl');
  const modes = [...new Set(bfcl.map((d) => parseBfclVariant(d.variant).mode))];
  const lines: string[] = [];
  for (const mode of modes) {
    const own = bfcl
      .filter((d) => parseBfclVariant(d.variant).mode === mode)
      .sort((a, b) => categoryOrder(a.variant) - categoryOrder(b.variant));
    lines.push(
      ...renderBfclMode(
        mode,
        own,
        group.aggregates.filter((a) => a.dataset === 'bfcl' && a.group === mode),
      ),
      '',
    );
  }
  if (others.length) lines.push(...renderKindTable({ ...group, datasets: others }), '');
  return lines;
}

// BFCL's own category order (non-live, then live).
function categoryOrder(variant: string): number {
  return BFCL_CATEGORIES.indexOf(parseBfclVariant(variant).category);
}

function renderBfclMode(mode: string, datasets: KindDataset[], aggregates: DatasetAggregate[]): string[] {
  const parsers = [...new Set(datasets.map((d) => d.toolCallParser).filter((p): p is string => p !== null))];
  const via = parsers.length ? ` (parser ${parsers.map(code).join(', ')})` : '';
  const parserFailed = datasets.reduce((sum, d) => sum + d.parserFailed, 0);
  const lines = [
    `**BFCL v4, ${mode} mode**: ${MODE_TEXT[mode] ?? mode}${via}. Numbers of different modes are not comparable.`,
    '',
    ...table(
      ['Category', 'Accuracy (95% CI)', 'Samples', 'Notes'],
      datasets.map((d) => [parseBfclVariant(d.variant).category, formatValue(d), formatSamples(d), failureNotes(d).join('; ')]),
    ),
  ];
  if (aggregates.length) {
    lines.push(
      '',
      ...table(
        ['BFCL summary', 'Score (95% CI)', 'How', 'Not run (counted as 0)'],
        aggregates.map((a) => [a.name, `${formatScore(a.value)} (${formatInterval(a.ci)})`, a.description, a.missing.join(', ') || '—']),
      ),
    );
  }
  lines.push(
    '',
    `Parser failures (answers the server's tool parser could not read; not scored, not model failures): ${formatNumber(parserFailed, 0)}.`,
  );
  return lines;
}
