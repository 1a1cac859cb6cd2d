import { matchNumber, numericMatch } from '../../scorers/numeric/numeric-match.ts';
import { GSM8K_FLEXIBLE_METRIC, GSM8K_STRICT_METRIC, type Gsm8kMetric } from './metrics.ts';
import type { Gsm8kCase } from './reader.ts';

/** GSM8K's scorers: the number in the last `\boxed{}` (primary) and the last number anywhere, compared as numbers. */
export const GSM8K_SCORERS = [
  numericMatch({ name: GSM8K_STRICT_METRIC.name, extract: 'boxed', description: GSM8K_STRICT_METRIC.description }),
  numericMatch({ name: GSM8K_FLEXIBLE_METRIC.name, extract: 'last-number', description: GSM8K_FLEXIBLE_METRIC.description }),
];

/** Outcome of scoring one GSM8K response, in the shape of the case record's fields. */
export interface Gsm8kScore {
  /** Canonical number each extractor found (`1080`, `-2.5`, `3/4`); null = nothing parseable. */
  extracted: Record<Gsm8kMetric, string | null>;
  scores: Record<Gsm8kMetric, number>;
  /** `unparseable` when the strict extractor found no boxed number (flexible is still scored). */
  verdict: 'correct' | 'wrong' | 'unparseable';
}

/**
 * Score a chat response to a GSM8K question on both metrics, as the suite's scorers do.
 * @example scoreGsm8kResponse(c, 'So she makes \\boxed{\\$18}.').verdict // 'correct' when c.gold is '18'
 */
export function scoreGsm8kResponse(testCase: Pick<Gsm8kCase, 'id' | 'gold'>, response: string): Gsm8kScore {
  const strict = matchNumber(response, testCase.gold, 'boxed', `GSM8K case ${testCase.id} strict`);
  const flexible = matchNumber(response, testCase.gold, 'last-number', `GSM8K case ${testCase.id} flexible`);
  return {
    extracted: { strict: strict.extracted, flexible: flexible.extracted },
    scores: { strict: strict.score, flexible: flexible.score },
    verdict: strict.extracted === null ? 'unparseable' : strict.score === 1 ? 'correct' : 'wrong',
  };
}
