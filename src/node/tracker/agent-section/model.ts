import { findBuiltin } from '../../../evals/registry.ts';
import type { DatasetAggregate } from '../../../shared/records/aggregate.ts';
import type { MetricValue } from '../../../shared/records/metric.ts';
import type { DatasetSummary, RunSummary } from '../../../shared/records/run-summary.ts';
import { AGENT_SECTION_KINDS } from './renderers.ts';

// The "Function calling and agents" part of a tracker section: the section's datasets of the kinds it shows, grouped
// by kind, with the scores their datasets report across keys (BFCL's overall).

/** One dataset of the block, from the run that provides it in the section. */
export interface KindDataset {
  key: string;
  dataset: string;
  variant: string;
  label: string;
  primaryMetric: string;
  value: MetricValue;
  cases: number;
  datasetSize: number | null;
  unparseable: number;
  errors: number;
  /** Answers the server's tool parser could not read (not scored). */
  parserFailed: number;
  /** vLLM's tool parser of the server, for datasets asked with `tools`. */
  toolCallParser: string | null;
  runId: string;
}

/** The datasets of one kind, with their cross-key scores. */
export interface KindGroup {
  kind: string;
  datasets: KindDataset[];
  aggregates: DatasetAggregate[];
}

/** A section's datasets contributed by runs, keyed by dataset key. */
export type Contributions = ReadonlyArray<{ key: string; run: RunSummary; result: DatasetSummary }>;

/** The kinds of the block present in a section, in the block's order; empty when none ran. */
export function buildKindGroups(contributions: Contributions): KindGroup[] {
  return AGENT_SECTION_KINDS.flatMap((kind) => {
    const own = contributions.filter((c) => c.result.kind === kind);
    if (own.length === 0) return [];
    return [{ kind, datasets: own.map(toKindDataset), aggregates: aggregatesOf(own) }];
  });
}

function toKindDataset({ key, run, result }: Contributions[number]): KindDataset {
  return {
    key,
    dataset: result.dataset,
    variant: result.variant,
    label: result.label,
    primaryMetric: result.primaryMetric,
    value: result.metrics[result.primaryMetric] ?? { kind: 'proportion', value: null, n: 0, ci: null },
    cases: result.counts.cases,
    datasetSize: result.datasetSize,
    unparseable: result.counts.unparseable,
    errors: result.counts.error,
    parserFailed: result.counts.parserFailed ?? 0,
    toolCallParser: result.toolCallParser ?? null,
    runId: run.runId,
  };
}

// A dataset's cross-key scores: the ones its run recorded when one run provides all its keys here, else recomputed by
// its registry entry over the keys merged from several runs.
function aggregatesOf(contributions: Contributions): DatasetAggregate[] {
  const names = [...new Set(contributions.map((c) => c.result.dataset))];
  return names.flatMap((name) => {
    const own = contributions.filter((c) => c.result.dataset === name);
    const runs = new Set(own.map((c) => c.run));
    const [only] = runs;
    if (runs.size === 1 && only?.aggregates) return only.aggregates.filter((a) => a.dataset === name);
    const merged = Object.fromEntries(own.map((c) => [c.key, c.result]));
    return findBuiltin(name)?.aggregate?.(merged) ?? [];
  });
}
