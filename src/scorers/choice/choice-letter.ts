import type { Scorer } from '../scorer.ts';
import type { Choice } from './extract-choice.ts';
import { CHOICE_LETTER_METRIC } from './metric.ts';
import { scoreChoiceResponse } from './score-chat.ts';

/** Options of `choiceLetter`. */
export interface ChoiceLetterOptions<Item> {
  /** Metric name. @default 'chat_acc' */
  name?: string;
  /** The labelled options of a case (`[{ label: 'A', text: '...' }, ...]`). */
  choices: (item: Item) => readonly Choice[];
  description?: string;
}

/**
 * Multiple choice answered in free text: scores 1 when the final choice the answer states (`Answer: C`, `(C)`,
 * `**C**`, or the option's text) is the expected label. None or two stated = unparseable (scored 0, counted apart).
 * @example choiceLetter({ choices: (item) => item.choices })
 */
export function choiceLetter<Item>(options: ChoiceLetterOptions<Item>): Scorer<Item> {
  const name = options.name ?? CHOICE_LETTER_METRIC.name;
  return {
    name,
    kind: 'proportion',
    description: options.description ?? CHOICE_LETTER_METRIC.description,
    score: ({ item, response, expected }) => {
      const scored = scoreChoiceResponse(options.choices(item), String(expected), response);
      return { score: scored.scores.chat_acc, extracted: scored.extracted.chat_acc, detail: { extraction: scored.detail.extraction } };
    },
  };
}
