import type { CodeConfig, EvalsConfig, VariantsConfig } from '../shared/config/schema.ts';
import type { PublishedPin } from '../shared/datasets/pins.ts';
import type { MetricSpec } from '../shared/records/metric.ts';
import type { BuiltinDataset } from './builtin.ts';
import * as builtins from './builtins.ts';

// The registry of built-in datasets: config validation, the model projects' eval files, the simulation script,
// the dataset mirror and the pin tests all read it, instead of keeping their own lists.

/** Every built-in dataset, in registry order. */
export const BUILTIN_DATASETS: readonly BuiltinDataset[] = Object.values(builtins);

/** Every pinned public file of every built-in dataset. */
export const BUILTIN_PINS: readonly PublishedPin[] = BUILTIN_DATASETS.flatMap((d) => d.pins);

/** The built-in dataset of that name, or undefined. */
export function findBuiltin(name: string): BuiltinDataset | undefined {
  return BUILTIN_DATASETS.find((d) => d.name === name);
}

/**
 * The built-ins a run includes, in registry order: those the config selects (`evals.builtins`; `'all'` leaves the
 * opt-in ones out), plus opt-in ones whose eval file a CLI file filter matches (Vitest's rule: a substring of the path).
 */
export function selectedBuiltins(evals: Pick<EvalsConfig, 'builtins'>, fileFilters: readonly string[] = []): BuiltinDataset[] {
  return BUILTIN_DATASETS.filter((d) =>
    evals.builtins === 'all'
      ? !d.optIn || matchesFileFilter(builtinEvalPath(d), fileFilters)
      : evals.builtins.includes(d.name) || (d.optIn === true && matchesFileFilter(builtinEvalPath(d), fileFilters)),
  );
}

/** Path of a built-in's eval file under the package root, as file filters see it. */
export function builtinEvalPath(dataset: Pick<BuiltinDataset, 'folder'>): string {
  return `src/evals/${dataset.folder}/${dataset.folder}.eval.ts`;
}

/** True when a CLI file filter names the file at `path` (Vitest's rule: a substring of the path, ignoring case). */
export function matchesFileFilter(path: string, filters: readonly string[]): boolean {
  return filters.some((filter) => filter !== '' && path.includes(filter.toLowerCase()));
}

/** Context (tokens) the server must serve for these built-ins with their variants; 0 when none says. */
export function requiredContext(builtins: readonly BuiltinDataset[], variants: Record<string, readonly string[]>): number {
  return builtins.reduce((most, d) => Math.max(most, d.contextTokens?.(variants[d.name] ?? d.defaultVariants) ?? 0), 0);
}

/** True when a selected built-in runs a variant that calls tools (the server then needs tool calling). */
export function needsToolCalling(evals: Pick<EvalsConfig, 'builtins'>, variants: Record<string, readonly string[]>): boolean {
  return selectedBuiltins(evals).some((d) => d.needsToolCalling && (variants[d.name] ?? d.defaultVariants).some(d.needsToolCalling));
}

/** Variants to run per built-in: the config's choice, else the dataset's defaults. */
export function resolveVariants(variants: VariantsConfig): Record<string, string[]> {
  return Object.fromEntries(BUILTIN_DATASETS.map((d) => [d.name, [...(variants[d.name] ?? d.defaultVariants)]]));
}

/** Metrics of every dataset key the built-ins can produce (all variants), for threshold validation. */
export function builtinMetricsByKey(code: CodeConfig): Map<string, MetricSpec[]> {
  const byKey = new Map<string, MetricSpec[]>();
  for (const dataset of BUILTIN_DATASETS) {
    for (const variant of dataset.variants) byKey.set(`${dataset.name}/${variant}`, dataset.metrics(variant, { code }));
  }
  return byKey;
}
