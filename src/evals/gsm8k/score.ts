import type { MetricSpec } from '../../shared/records/metric.ts';
import { ScorerError } from '../../shared/errors.ts';
import type { Gsm8kCase } from './reader.ts';
import { numbersMatch, parseNumber, type NumberToken } from '../../scorers/numeric/numbers.ts';
import { extractBoxedNumber, extractLastNumber } from './extract.ts';

/** GSM8K metric names. */
export type Gsm8kMetric = 'strict' | 'flexible';

/** Primary (gating) GSM8K metric. */
export const GSM8K_PRIMARY_METRIC: Gsm8kMetric = 'strict';

/** GSM8K metrics; both compare numbers, not strings. */
export const GSM8K_METRICS: MetricSpec[] = [
  {
    name: 'strict',
    kind: 'proportion',
    description: 'the number in the last \\boxed{} equals the gold number (no box = unparseable, scored 0)',
    range: [0, 1],
  },
  {
    name: 'flexible',
    kind: 'proportion',
    description: 'the last number anywhere in the response equals the gold number',
    range: [0, 1],
  },
];

/** Outcome of scoring one GSM8K response, in the shape of the case record's fields. */
export interface Gsm8kScore {
  /** Canonical number each extractor found (`1080`, `-2.5`, `3/4`); null = nothing parseable. */
  extracted: Record<Gsm8kMetric, string | null>;
  scores: Record<Gsm8kMetric, number>;
  /** `unparseable` when the strict extractor found no boxed number (flexible is still scored). */
  verdict: 'correct' | 'wrong' | 'unparseable';
}

// Parse the dataset's gold answer; a gold that is not a number is a reader bug, not a model failure.
export function parseGsm8kGold(gold: string, caseId: string): NumberToken {
  const token = parseNumber(gold);
  if (!token) throw new ScorerError(`GSM8K case ${caseId}: gold answer ${JSON.stringify(gold)} is not a number.`);
  return token;
}

// 1 when the extracted number equals the gold, else 0.
function scoreToken(token: NumberToken | null, gold: NumberToken): number {
  return token !== null && numbersMatch(token, gold) ? 1 : 0;
}

/**
 * Score a chat response to a GSM8K question on both metrics.
 * @example scoreGsm8kResponse(c, 'So she makes \\boxed{\\$18}.').verdict // 'correct' when c.gold is '18'
 */
export function scoreGsm8kResponse(testCase: Pick<Gsm8kCase, 'id' | 'gold'>, response: string): Gsm8kScore {
  const gold = parseGsm8kGold(testCase.gold, testCase.id);
  const strict = extractBoxedNumber(response);
  const flexible = extractLastNumber(response);
  const scores = { strict: scoreToken(strict, gold), flexible: scoreToken(flexible, gold) };
  const verdict = strict === null ? 'unparseable' : scores.strict === 1 ? 'correct' : 'wrong';
  return {
    extracted: { strict: strict?.canonical ?? null, flexible: flexible?.canonical ?? null },
    scores,
    verdict,
  };
}
