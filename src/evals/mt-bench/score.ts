import type { MtBenchQuestion } from './reader.ts';
import { extractJudgeRating } from '../../scorers/judge/extract-rating.ts';
import type { MtBenchMetric } from './metrics.ts';

/** Outcome of scoring one question's two judgments. */
export interface MtBenchScore {
  /** The rating text per turn (`8`, `8.5`) and their mean for `score`; null = no rating parsed. */
  extracted: Record<MtBenchMetric, string | null>;
  /** Ratings; `score` is the mean over the parsed turns; null when nothing parsed. */
  scores: Record<MtBenchMetric, number | null>;
  /** `unparseable` when any judgment had no rating (FastChat's -1, dropped from means but counted here). */
  verdict: 'graded' | 'unparseable';
  detail: { category: string; unparsedTurns: number[] };
}

/**
 * Score a question from the judge's two judgments (turn 1, turn 2).
 * @example scoreMtBenchJudgments(q, ['Rating: [[8]]', 'Rating: [[6]]']).scores.score // 7
 */
export function scoreMtBenchJudgments(question: Pick<MtBenchQuestion, 'category'>, judgments: readonly [string, string]): MtBenchScore {
  const ratings = judgments.map(extractJudgeRating);
  const parsed = ratings.filter((r): r is number => r !== null);
  const mean = parsed.length ? parsed.reduce((a, b) => a + b, 0) / parsed.length : null;
  const [turn1 = null, turn2 = null] = ratings;
  return {
    extracted: {
      score: mean === null ? null : String(mean),
      turn1: turn1 === null ? null : String(turn1),
      turn2: turn2 === null ? null : String(turn2),
    },
    scores: { score: mean, turn1, turn2 },
    verdict: parsed.length === ratings.length ? 'graded' : 'unparseable',
    detail: { category: question.category, unparsedTurns: ratings.flatMap((r, i) => (r === null ? [i + 1] : [])) },
  };
}
