import type { RunSummary } from './types.ts';

// The runs list's filters and the values each filter offers.

/** Runs list filters; an empty string means "any". Dates are `YYYY-MM-DD` (UTC), inclusive. */
export interface RunFilter {
  model: string;
  preset: string;
  dataset: string;
  from: string;
  to: string;
  /** `real`: only model runs, `simulated`: only simulated-vLLM runs. */
  simulated: '' | 'real' | 'simulated';
}

/** A filter that keeps every run. */
export const NO_RUN_FILTER: RunFilter = Object.freeze({ model: '', preset: '', dataset: '', from: '', to: '', simulated: '' });

/** The runs the filter keeps, in their order. */
export function filterRuns(runs: readonly RunSummary[], filter: RunFilter): RunSummary[] {
  return runs.filter((run) => {
    const day = run.startedAt.slice(0, 10);
    if (filter.model && run.modelId !== filter.model) return false;
    if (filter.preset && run.preset !== filter.preset) return false;
    if (filter.dataset && !run.datasets.some((d) => d.key === filter.dataset)) return false;
    if (filter.from && day < filter.from) return false;
    if (filter.to && day > filter.to) return false;
    if (filter.simulated === 'real' && run.simulation !== null) return false;
    if (filter.simulated === 'simulated' && run.simulation === null) return false;
    return true;
  });
}

/** The distinct models, presets and dataset keys of the runs, sorted: the choices of the filters. */
export function listFacets(runs: readonly RunSummary[]): { models: string[]; presets: string[]; datasets: string[] } {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return {
    models: sorted(runs.map((run) => run.modelId)),
    presets: sorted(runs.map((run) => run.preset)),
    datasets: sorted(runs.flatMap((run) => run.datasets.map((d) => d.key))),
  };
}
