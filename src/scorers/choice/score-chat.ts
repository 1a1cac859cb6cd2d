import { ScorerError } from '../../shared/errors.ts';
import { extractChoice, type Choice, type ChoiceExtraction } from './extract-choice.ts';

/** Outcome of scoring a chat answer to a multiple-choice question on the `chat_acc` metric. */
export interface ChatChoiceScore {
  /** The label the response settled on; null = no parseable or an ambiguous choice. */
  extracted: { chat_acc: string | null };
  /** 1 when the label is the gold one; 0 otherwise, unparseable included. */
  scores: { chat_acc: number };
  verdict: 'correct' | 'wrong' | 'unparseable';
  /** How the label was found (`statement`, `last-line`) or why not (`none`, `ambiguous`). */
  detail: { extraction: ChoiceExtraction['how'] };
}

/**
 * Score a chat response against the gold label. Unparseable (nothing or two choices stated) is counted apart
 * from wrong but scores 0.
 */
export function scoreChoiceResponse(choices: readonly Choice[], goldLabel: string, response: string): ChatChoiceScore {
  if (!choices.some((c) => c.label === goldLabel)) {
    throw new ScorerError(
      `Gold label ${JSON.stringify(goldLabel)} is not one of the choice labels ${choices.map((c) => c.label).join(', ')}.`,
    );
  }
  const found = extractChoice(response, choices);
  const correct = found.label === goldLabel;
  return {
    extracted: { chat_acc: found.label },
    scores: { chat_acc: correct ? 1 : 0 },
    verdict: found.label === null ? 'unparseable' : correct ? 'correct' : 'wrong',
    detail: { extraction: found.how },
  };
}
