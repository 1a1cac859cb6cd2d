import type { CaseRecord, Verdict } from '../records/case-record.ts';
import type { MetricValue } from '../records/metric.ts';
import type { DatasetCounts, Performance, RunCase, RunRecord } from '../records/run-record.ts';
import type { RunSummary as StoredRunSummary } from '../records/run-summary.ts';

// What the viewer page receives, from the local server or embedded in an export. Derived from the run and case
// records (type-only imports: this folder is bundled into the page, which must not carry zod).

/** A dataset of a run as the runs list shows it. */
export interface DatasetSummary {
  /** `dataset/variant`. */
  key: string;
  label: string;
  primaryMetric: string;
  /** Scale of the primary metric's per-case scores ([0, 1] for proportions, [1, 10] for MT-Bench grades). */
  primaryRange: [number, number];
  metrics: Record<string, MetricValue>;
  counts: DatasetCounts;
}

/** A run as the runs list shows it: the run record without its per-case entries. */
export interface RunSummary {
  runId: string;
  startedAt: string;
  finishedAt: string;
  status: RunRecord['status'];
  /** Simulation mode; null = a real model. */
  simulation: string | null;
  project: string;
  modelKey: string;
  modelId: string;
  preset: string;
  datasets: DatasetSummary[];
  performance: Performance;
  /** The servers' /metrics and nvidia-smi over the run; null when not sampled. */
  serverMetrics: RunRecord['serverMetrics'];
  /** The serving benchmark, when the run was one; else null. */
  benchmarks: RunRecord['benchmarks'];
  gates: { passed: number; failed: number };
  /** True when the results folder has the run's case records (`cases/<runId>.jsonl`). */
  hasCases: boolean;
}

/** Everything the runs list, the filters and the history chart need; runs newest first. */
export interface ViewerIndex {
  resultsDir: string;
  runs: RunSummary[];
}

/** Verdict filter of the case table: one verdict, every case, or the ones that did not pass (wrong, unparseable, error). */
export type VerdictFilter = Verdict | 'all' | 'failed';

/** A page request of a run's cases. */
export interface CaseQuery {
  /** Dataset key; absent = every dataset of the run. */
  dataset?: string;
  verdict: VerdictFilter;
  /** Case-insensitive text searched in the case id, prompt, response, expected and extracted answers. */
  search: string;
  offset: number;
  limit: number;
}

/** One page of cases, with the verdict counts of the cases matching dataset and search (for the filter's labels). */
export interface CasePage {
  total: number;
  offset: number;
  counts: Record<Verdict, number>;
  cases: CaseRecord[];
}

/** How a case changed from run A to run B. `fixed`/`broken`: a pass/fail flip; `changed`: another score change. */
export type FlipKind = 'fixed' | 'broken' | 'changed' | 'same' | 'only-a' | 'only-b';

/** One case of two runs, paired by dataset key and case id. */
export interface CasePair {
  dataset: string;
  caseId: string;
  flip: FlipKind;
  a: RunCase | null;
  b: RunCase | null;
}

/** A page request of two runs side by side. */
export interface CompareQuery {
  dataset?: string;
  /** True: only the fixed and broken cases. */
  flippedOnly: boolean;
  search: string;
  offset: number;
  limit: number;
}

/** One page of paired cases, flipped first, with the count of each kind over the whole pairing. */
export interface ComparePage {
  total: number;
  offset: number;
  counts: Record<FlipKind, number>;
  pairs: CasePair[];
}

/** The viewer's results: run summaries for the lists; whole records (for pairing) and case records loaded on demand. */
export interface ViewerData {
  resultsDir: string;
  /** Every run without its per-case data. */
  summaries: StoredRunSummary[];
  /** A run's whole record, per-case entries included. */
  loadRecord(runId: string): Promise<RunRecord>;
  /** Case records of a run; empty when the run has none. */
  loadCases(runId: string): Promise<CaseRecord[]>;
  hasCases(runId: string): boolean;
}
