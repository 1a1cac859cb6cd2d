import type { MatcherState } from 'vitest';
import { type SyncMatcherResult, answerText, clipAnswer } from './answer-text.ts';
import { extractChoice, type Choice } from '../../scorers/choice/extract-choice.ts';

/** Options of `toChooseLetter`. */
export interface ChooseLetterOptions {
  /**
   * The question's options: labelled (`[{ label: 'A', text: 'Paris' }]`) or texts labelled A, B, C, ... in order.
   * Naming the texts lets an answer that states an option's text count. @default labels A to D (or to the expected letter)
   */
  choices?: readonly Choice[] | readonly string[];
}

// expect(answer).toChooseLetter('C'): the final choice the answer states is C (as the `choiceLetter` scorer reads it).
export function toChooseLetter(
  this: MatcherState,
  received: unknown,
  expected: string,
  options: ChooseLetterOptions = {},
): SyncMatcherResult {
  const text = answerText(received, 'toChooseLetter');
  const found = extractChoice(text, toChoices(options.choices, expected));
  const why =
    found.how === 'ambiguous' ? 'two different choices stated' : found.how === 'none' ? 'no choice stated' : `chose ${found.label}`;
  return {
    pass: found.label === expected,
    actual: found.label,
    expected,
    message: () => `expected the answer ${this.isNot ? 'not ' : ''}to choose ${expected}; ${why} in ${JSON.stringify(clipAnswer(text))}`,
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function toChoices(choices: ChooseLetterOptions['choices'], expected: string): Choice[] {
  if (choices) return choices.map((choice, i) => (typeof choice === 'string' ? { label: LETTERS[i]!, text: choice } : choice));
  const last = Math.max(LETTERS.indexOf('D'), LETTERS.indexOf(expected.toUpperCase()));
  return [...LETTERS.slice(0, last + 1)].map((label) => ({ label, text: '' }));
}
