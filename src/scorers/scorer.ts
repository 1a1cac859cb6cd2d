import type { EvalClient } from '../runtime/client/chat.ts';
import type { Verdict } from '../shared/records/case-record.ts';
import type { MetricKind, MetricSpec } from '../shared/records/metric.ts';

// The scorer contract: a scorer turns one answer into one score (or several, for scorers that measure several
// metrics at once). Scorers are plain objects, so a user's own scorer is a literal with a `score` function.

/** Everything a scorer sees of a case. */
export interface ScorerInput<Item = unknown, Output = unknown> {
  item: Item;
  /** What the task returned (for chat tasks: the answer with its finish reason; a reasoning model's reasoning is left out). */
  output: Output;
  /** The answer as text (`output.text` for chat and completion tasks). */
  response: string;
  /** The expected answer (`expected(item)` of the eval). */
  expected: unknown;
  /** Aborted when the case times out or the run is cancelled; pass it to any request a scorer makes. */
  signal: AbortSignal;
  /** The run's client, for scorers that ask the evaluated server (a self-judge); its requests count for the case. */
  client: Pick<EvalClient, 'chat' | 'complete'>;
}

/** One metric's score for one case. */
export interface ScoreResult {
  /** 0..1 for proportion metrics (1 = pass), a grade within `range` for mean metrics; null = not scored. */
  score: number | null;
  /** What the scorer read from the answer (`18`, `C`); null = nothing parseable, which makes the case unparseable. */
  extracted?: string | null;
  /** Facts for the case record (failing assert, judge text). JSON-serialisable. */
  detail?: Record<string, unknown>;
  /** Overrides the verdict derived from the score (only the primary scorer's counts). */
  verdict?: Verdict;
}

/** Several metrics' scores for one case. */
export interface MultiScoreResult {
  scores: Record<string, number | null>;
  extracted?: Record<string, string | null>;
  detail?: Record<string, unknown>;
  verdict?: Verdict;
}

/** A scorer of one metric. */
// biome-ignore lint/suspicious/noExplicitAny: `any`, not `unknown`: a scorer that ignores the item fits every eval without steering its type inference
export interface Scorer<Item = any, Output = any> {
  /** Metric name, e.g. `strict`; thresholds and records use it. */
  name: string;
  /** `proportion`: per-case 0/1, reported as a share with a Wilson interval; `mean`: graded, bootstrap interval. @default 'proportion' */
  kind?: MetricKind;
  /** Range of a graded score. @default [0, 1] */
  range?: [number, number];
  /** One line shown in reports. */
  description?: string;
  /**
   * Changes whenever the scoring changes in a way that changes scores (a judge prompt, a rubric); part of the
   * prompt hash, so runs scored differently are not compared as if they were the same.
   */
  fingerprint?: string;
  score(input: ScorerInput<Item, Output>): ScoreResult | Promise<ScoreResult>;
}

/** A scorer of several metrics at once (log-likelihood `acc`/`acc_norm`, a judge's per-turn ratings). */
// biome-ignore lint/suspicious/noExplicitAny: `any`, not `unknown`: a scorer that ignores the item fits every eval without steering its type inference
export interface MultiScorer<Item = any, Output = any> {
  metrics: MetricSpec[];
  fingerprint?: string;
  score(input: ScorerInput<Item, Output>): MultiScoreResult | Promise<MultiScoreResult>;
}

/** Any scorer. */
// biome-ignore lint/suspicious/noExplicitAny: `any`, not `unknown`: a scorer that ignores the item fits every eval without steering its type inference
export type AnyScorer<Item = any, Output = any> = Scorer<Item, Output> | MultiScorer<Item, Output>;

/** The metrics a scorer reports, in order. */
export function metricsOf(scorer: AnyScorer): MetricSpec[] {
  if ('metrics' in scorer) return scorer.metrics;
  return [
    { name: scorer.name, kind: scorer.kind ?? 'proportion', description: scorer.description ?? scorer.name, range: scorer.range ?? [0, 1] },
  ];
}

/** Run a scorer and return its results keyed by metric. */
export async function runScorer<Item, Output>(
  scorer: AnyScorer<Item, Output>,
  input: ScorerInput<Item, Output>,
): Promise<MultiScoreResult> {
  if ('metrics' in scorer) return scorer.score(input);
  const result = await scorer.score(input);
  return {
    scores: { [scorer.name]: result.score },
    ...(result.extracted !== undefined ? { extracted: { [scorer.name]: result.extracted } } : {}),
    ...(result.detail ? { detail: result.detail } : {}),
    ...(result.verdict ? { verdict: result.verdict } : {}),
  };
}
