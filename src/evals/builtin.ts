import type { CodeConfig } from '../shared/config/schema.ts';
import type { DataContext } from '../runtime/data.ts';
import type { PublishedPin } from '../shared/datasets/pins.ts';
import type { DatasetAggregate } from '../shared/records/aggregate.ts';
import type { MetricSpec } from '../shared/records/metric.ts';
import type { DatasetSummary } from '../shared/records/run-summary.ts';
import type { SimRule, SimulationMode } from '../shared/simulation-rules.ts';

// The registry contract of a built-in dataset: what the main process must know without loading the dataset (to
// validate config, plan runs, serve mirrors). Each folder also has, by convention, `<folder>.eval.ts` (the suite)
// and `simulate.ts` exporting `simulate(options)` (the simulated vLLM's answers), loaded only when they are needed.

/** What a simulation script builder gets. */
export interface SimulationOptions {
  mode: SimulationMode;
  source: DataContext;
  /** EVAL_LIMIT: the first N cases of each dataset. */
  limit: number | null;
  /** Variants that will run. */
  variants: readonly string[];
  code: CodeConfig;
}

/** Rules for the simulated vLLM plus, per dataset key, the score each metric must come out at. */
export interface SimulationScript {
  rules: SimRule[];
  expected: Record<string, Record<string, number>>;
  /** Per dataset key, per case id, per metric: the score a case must get (graded suites: the scripted ratings). */
  cases?: Record<string, Record<string, Record<string, number>>>;
}

/** A built-in dataset as the registry knows it. */
export interface BuiltinDataset {
  /** Name in config and keys (`gsm8k`, `arc_challenge`). */
  name: string;
  /** Folder under src/evals; its eval file is `<folder>/<folder>.eval.ts`. */
  folder: string;
  variants: readonly string[];
  defaultVariants: readonly string[];
  /** Metrics of a variant, primary first. */
  metrics(variant: string, settings: { code: CodeConfig }): MetricSpec[];
  /** Every public file the dataset reads. */
  pins: readonly PublishedPin[];
  /**
   * Left out of `evals.builtins: 'all'` because it is expensive: it runs when the config names it, or when a CLI file
   * filter matches its eval file (`vitest run --project <model> long-context`). @default false
   */
  optIn?: boolean;
  /** Its cases are generated from a seed (no files to download, so no pins). @default false */
  generated?: boolean;
  /** Context (tokens, prompt and answer) the server must serve for these variants; the launcher scales RoPE when it exceeds the model's own. */
  contextTokens?(variants: readonly string[]): number;
  /**
   * Variants that send tool requests through the server's tool parser: the launcher then starts vLLM with
   * `--enable-auto-tool-choice --tool-call-parser <the model's parser>`. Absent = none.
   */
  needsToolCalling?: (variant: string) => boolean;
  /**
   * How the tracker groups this dataset's keys (BFCL: a table per mode, a row per category, the mode's summaries below);
   * absent = one plain row per key.
   */
  reportGroup?: (variant: string) => ReportPlace;
  /** Scores across the dataset's keys in a run (BFCL's overall), written into the run record; absent = none. */
  aggregate?: (datasets: Readonly<Record<string, DatasetSummary>>) => DatasetAggregate[];
}

/** Where a dataset key goes in the tracker's grouped tables. */
export interface ReportPlace {
  /** Keys of one group share a table and the run aggregates of that `group`. */
  group: string;
  /** The group's title, e.g. `BFCL v4, tools mode`. */
  title: string;
  /** What the group measures, after the title. */
  note: string;
  /** Heading of the row column, e.g. `Category`. */
  rowHeading: string;
  /** The key's row label, e.g. `simple_python`. */
  row: string;
  /** Row order within the group. */
  order: number;
}

/** What a dataset folder's `simulate.ts` exports. */
export interface SimulationModule {
  simulate(options: SimulationOptions): Promise<SimulationScript>;
}

/** Identity helper that checks a built-in descriptor's shape. */
export function defineBuiltin(dataset: BuiltinDataset): BuiltinDataset {
  return dataset;
}
