import type { ReportPlace } from '../../../evals/builtin.ts';
import { findBuiltin } from '../../../evals/registry.ts';
import type { DatasetAggregate } from '../../../shared/records/aggregate.ts';
import { formatInterval, formatScore } from '../../../shared/stats/format.ts';
import { code, formatNumber, table } from '../markdown.ts';
import { failureNotes, formatSamples, formatValue, renderKindTable } from './kind-table.ts';
import type { KindDataset, KindGroup } from './model.ts';

// A kind's datasets, each the way its registry entry groups its keys (BFCL: one table per mode, a row per category,
// then its summaries and parser failures); a dataset without a grouping gets the plain table.

/** The lines of one kind's datasets. */
export function renderGroupedKind(group: KindGroup): string[] {
  const names = [...new Set(group.datasets.map((d) => d.dataset))];
  return names.flatMap((name) => {
    const own = group.datasets.filter((d) => d.dataset === name);
    const grouping = findBuiltin(name)?.reportGroup;
    if (!grouping) return [...renderKindTable({ ...group, datasets: own }), ''];
    const placed = own.map((dataset) => ({ dataset, place: grouping(dataset.variant) }));
    const groups = [...new Set(placed.map((p) => p.place.group))];
    return groups.flatMap((key) => {
      const members = placed.filter((p) => p.place.group === key).sort((a, b) => a.place.order - b.place.order);
      const aggregates = group.aggregates.filter((a) => a.dataset === name && a.group === key);
      return [...renderGroup(members, aggregates), ''];
    });
  });
}

type Placed = { dataset: KindDataset; place: ReportPlace };

function renderGroup(members: Placed[], aggregates: DatasetAggregate[]): string[] {
  const datasets = members.map((m) => m.dataset);
  const [first] = members;
  const parsers = [...new Set(datasets.map((d) => d.toolCallParser).filter((p): p is string => p !== null))];
  const via = parsers.length ? ` (parser ${parsers.map(code).join(', ')})` : '';
  const lines = [
    `**${first!.place.title}**: ${first!.place.note}${via}. Numbers of different groups are not comparable.`,
    '',
    ...table(
      [first!.place.rowHeading, `${first!.dataset.primaryMetric} (95% CI)`, 'Samples', 'Notes'],
      members.map(({ dataset, place }) => [place.row, formatValue(dataset), formatSamples(dataset), failureNotes(dataset).join('; ')]),
    ),
  ];
  if (aggregates.length) {
    lines.push(
      '',
      ...table(
        ['Summary', 'Score (95% CI)', 'How', 'Not run (counted as 0)'],
        aggregates.map((a) => [a.name, `${formatScore(a.value)} (${formatInterval(a.ci)})`, a.description, a.missing.join(', ') || '—']),
      ),
    );
  }
  // Only answers read by the server's tool parser can fail in it.
  if (parsers.length || datasets.some((d) => d.parserFailed > 0)) {
    const parserFailed = datasets.reduce((sum, d) => sum + d.parserFailed, 0);
    lines.push(
      '',
      `Parser failures (answers the server's tool parser could not read; not scored, not model failures): ${formatNumber(parserFailed, 0)}.`,
    );
  }
  return lines;
}
