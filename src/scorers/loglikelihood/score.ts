import { ScorerError } from '../../shared/errors.ts';
import type { MetricSpec } from '../../shared/records/metric.ts';

// lm-evaluation-harness multiple_choice scoring: argmax of summed log-likelihoods, raw and length-normalised.

/** Per-case log-likelihood metrics. */
export type LoglikelihoodMetric = 'acc' | 'acc_norm';

/** Outcome for one case: the chosen index per metric and 0/1 scores. */
export interface LoglikelihoodScore {
  /** Index (as a string) of the choice each metric picked. */
  extracted: Record<LoglikelihoodMetric, string>;
  scores: Record<LoglikelihoodMetric, number>;
  /** Judged by `acc_norm`, the reference metric. */
  verdict: 'correct' | 'wrong';
}

/** Options of `scoreLoglikelihoodChoices`. */
export interface LoglikelihoodOptions {
  /**
   * Length unit for `acc_norm`. lm-eval divides by `len(choice)` in Python, i.e. Unicode code points of the
   * choice text without the leading space; `bytes` is its `acc_bytes` (UTF-8).
   * @default 'chars'
   */
  lengthUnit?: 'chars' | 'bytes';
}

/** Index of the first maximum, as numpy's argmax (ties go to the lower index). */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

// Length of a choice text in the chosen unit.
function measureChoice(text: string, unit: 'chars' | 'bytes'): number {
  return unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : [...text].length;
}

/**
 * Score one case from the summed log-likelihood of each choice's continuation.
 * @param choices Choice texts as lm-eval's `doc_to_choice` gives them (no leading space).
 * @example scoreLoglikelihoodChoices(['a', 'bbbb'], [-2, -4], 1).scores // { acc: 0, acc_norm: 1 }
 */
export function scoreLoglikelihoodChoices(
  choices: readonly string[],
  logprobSums: readonly number[],
  goldIndex: number,
  options: LoglikelihoodOptions = {},
): LoglikelihoodScore {
  if (choices.length === 0 || choices.length !== logprobSums.length) {
    throw new ScorerError(`Got ${logprobSums.length} log-likelihoods for ${choices.length} choices; expected one per choice.`);
  }
  if (!Number.isInteger(goldIndex) || goldIndex < 0 || goldIndex >= choices.length) {
    throw new ScorerError(`Gold index ${goldIndex} is outside 0..${choices.length - 1}.`);
  }
  const unit = options.lengthUnit ?? 'chars';
  const normalized = logprobSums.map((sum, i) => sum / Math.max(1, measureChoice(choices[i] ?? '', unit)));
  const picked = { acc: argmax(logprobSums), acc_norm: argmax(normalized) };
  const scores = { acc: picked.acc === goldIndex ? 1 : 0, acc_norm: picked.acc_norm === goldIndex ? 1 : 0 };
  return {
    extracted: { acc: String(picked.acc), acc_norm: String(picked.acc_norm) },
    scores,
    verdict: scores.acc_norm === 1 ? 'correct' : 'wrong',
  };
}

/** Metrics of the log-likelihood mode, primary first: `acc_norm` is the reference one. */
export const LOGLIKELIHOOD_METRICS: MetricSpec[] = [
  {
    name: 'acc_norm',
    kind: 'proportion',
    description: 'argmax of the log-prob divided by the choice length in characters is the gold choice (lm-eval)',
    range: [0, 1],
  },
  { name: 'acc', kind: 'proportion', description: 'argmax of the summed continuation log-prob is the gold choice', range: [0, 1] },
];

/** Primary metric of the log-likelihood mode. */
export const LOGLIKELIHOOD_PRIMARY_METRIC: LoglikelihoodMetric = 'acc_norm';
