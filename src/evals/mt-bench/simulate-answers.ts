// Synthetic judge outputs for the pipeline self-check. A bracketed citation number comes before the rating, so an
// extractor that tries `[n]` before `[[n]]` (or takes any first number) fails the check.

const OPENINGS = [
  "The assistant's response is relevant and accurate, and it follows the user's instructions closely.",
  'The answer addresses the question directly, although it could offer more depth in places.',
  "Compared with the reference answer, the assistant's solution reaches the same result with clear steps.",
];

/**
 * A judgment in FastChat's requested format whose rating is `rating` (integer or decimal, 1-10).
 * @example extractJudgeRating(buildMtBenchGoldJudgment(7)) // 7
 */
export function buildMtBenchGoldJudgment(rating: number, variant = 0): string {
  const opening = OPENINGS[Math.abs(variant) % OPENINGS.length] ?? '';
  const citation = rating === 2 ? 3 : 2;
  return `${opening} It cites its sources as [${citation}] and stays on topic, with only minor omissions (1-2 details).\n\nRating: [[${rating}]]`;
}

/** A judgment with no rating in any bracket form (FastChat records -1). */
export function buildMtBenchUnparseableJudgment(): string {
  return "The assistant did not provide a response to the user's second question, so it cannot be evaluated.";
}
