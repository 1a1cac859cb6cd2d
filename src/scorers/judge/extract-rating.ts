// FastChat's rating extraction for single-answer grading (`fastchat/llm_judge/common.py`).

/** `one_score_pattern`: the first `[[n]]`, n an integer or decimal. */
export const RATING_PATTERN = /\[\[(\d+\.?\d*)\]\]/;
/** `one_score_pattern_backup`: the first `[n]`, tried only when no `[[n]]` exists. */
export const RATING_BACKUP_PATTERN = /\[(\d+\.?\d*)\]/;

/**
 * The rating a judge gave: the first `[[n]]`, else the first `[n]`; null where FastChat records -1.
 * @example extractJudgeRating('... Rating: [[8.5]]') // 8.5
 */
export function extractJudgeRating(judgment: string): number | null {
  const match = RATING_PATTERN.exec(judgment) ?? RATING_BACKUP_PATTERN.exec(judgment);
  return match?.[1] === undefined ? null : Number(match[1]);
}
