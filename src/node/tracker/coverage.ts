import type { RunRecord } from '../../shared/records/run-record.ts';
import type { RunSummary } from '../../shared/records/run-summary.ts';
import { compareRuns } from '../history/store.ts';
import type { Section, TrackerConfig } from './model.ts';

// What is still to run, generated instead of kept by hand: for each model and preset of the config, the datasets of
// the config that a real (not simulated) run never evaluated, evaluated only in part, or evaluated under a
// configuration that has changed since (prompt, dataset pin, harness version, vLLM version).

/** A dataset whose newest real result no longer matches the newest configuration. */
export interface StaleDataset {
  dataset: string;
  runId: string;
  /** What changed, e.g. `prompt`, `dataset pin`, `harness 0.1.0 → 0.2.0`. */
  changes: string[];
}

/** A dataset evaluated only in part. */
export interface PartialDataset {
  dataset: string;
  runId: string;
  cases: number;
  datasetSize: number | null;
  runStatus: RunRecord['status'];
}

/** Coverage of one model and preset of the config. */
export interface CoverageItem {
  modelKey: string;
  preset: string;
  /** No real result at all on this model and preset. */
  neverRun: boolean;
  /** Datasets of the config never evaluated here (all of them when neverRun). */
  missing: string[];
  partial: PartialDataset[];
  stale: StaleDataset[];
}

/** True when nothing is left to run for the item. */
export function isCovered(item: CoverageItem): boolean {
  return !item.neverRun && item.missing.length === 0 && item.partial.length === 0 && item.stale.length === 0;
}

/** One item per model × preset of the config, in config order; only real sections count. */
export function buildCoverage(config: TrackerConfig, sections: readonly Section[], runs: readonly RunSummary[]): CoverageItem[] {
  const byId = new Map(runs.map((run) => [run.runId, run]));
  const reference = referenceFingerprints(runs);
  const expected = config.datasets ?? [];
  const items: CoverageItem[] = [];
  for (const model of config.models) {
    for (const preset of config.presets) {
      const real = sections.filter((s) => s.simulation === null && s.modelKey === model.key && s.preset === preset.name);
      const datasets = new Map(real.flatMap((s) => s.datasets.map((d) => [d.key, d] as const)));
      const partial: PartialDataset[] = [];
      const stale: StaleDataset[] = [];
      for (const [key, d] of [...datasets].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
        if (d.runStatus !== 'complete' || (d.datasetSize !== null && d.cases < d.datasetSize))
          partial.push({ dataset: key, runId: d.runId, cases: d.cases, datasetSize: d.datasetSize, runStatus: d.runStatus });
        const run = byId.get(d.runId);
        const changes = run ? changesSince(run, key, reference) : [];
        if (changes.length > 0) stale.push({ dataset: key, runId: d.runId, changes });
      }
      items.push({
        modelKey: model.key,
        preset: preset.name,
        neverRun: real.length === 0,
        missing: expected.filter((key) => !datasets.has(key)),
        partial,
        stale,
      });
    }
  }
  return items;
}

interface ReferenceFingerprints {
  /** Per dataset key: the newest run that evaluated it (real or simulated: a prompt edit is a prompt edit). */
  dataset: Map<string, RunSummary>;
  /** The newest real run: its harness and vLLM versions are the current ones. */
  real: RunSummary | null;
}

function referenceFingerprints(runs: readonly RunSummary[]): ReferenceFingerprints {
  const dataset = new Map<string, RunSummary>();
  let real: RunSummary | null = null;
  for (const run of [...runs].sort(compareRuns)) {
    if (run.status === 'interrupted') continue;
    for (const key of Object.keys(run.datasets)) dataset.set(key, run);
    if (run.simulation === null) real = run;
  }
  return { dataset, real };
}

const DATASET_KEYS: ReadonlyArray<readonly [prefix: string, what: string]> = [
  ['prompt', 'prompt'],
  ['dataset', 'dataset pin'],
];
const RUN_KEYS: ReadonlyArray<readonly [key: string, what: string]> = [
  ['harness.version', 'harness'],
  ['server.vllmVersion', 'vLLM'],
];

function changesSince(run: RunSummary, key: string, reference: ReferenceFingerprints): string[] {
  const changes: string[] = [];
  const newest = reference.dataset.get(key);
  if (newest && newest.runId !== run.runId) {
    for (const [prefix, what] of DATASET_KEYS) {
      const a = run.fingerprint[`${prefix}.${key}`];
      const b = newest.fingerprint[`${prefix}.${key}`];
      if (a !== undefined && b !== undefined && a !== b) changes.push(what);
    }
  }
  const current = reference.real;
  if (current && current.runId !== run.runId) {
    for (const [fingerprintKey, what] of RUN_KEYS) {
      const a = run.fingerprint[fingerprintKey];
      const b = current.fingerprint[fingerprintKey];
      if (a !== undefined && b !== undefined && a !== null && b !== null && a !== b) changes.push(`${what} ${String(a)} → ${String(b)}`);
    }
  }
  return changes;
}
