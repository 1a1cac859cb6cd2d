import type { MatcherState } from 'vitest';
import { type SyncMatcherResult, answerText, clipAnswer } from './answer-text.ts';
import { matchNumber, type NumberExtraction } from '../../scorers/numeric/numeric-match.ts';

/** Options of `toMatchNumber`. */
export interface MatchNumberOptions {
  /** Where the number is read: `'boxed'` (strict: the last `\boxed{}`), `'last-number'` (flexible), ... @default 'last-number' */
  extract?: NumberExtraction;
}

// expect(answer).toMatchNumber(18, { extract: 'boxed' }): the number read from the answer equals 18, as numbers.
export function toMatchNumber(
  this: MatcherState,
  received: unknown,
  expected: number | string,
  options: MatchNumberOptions = {},
): SyncMatcherResult {
  const text = answerText(received, 'toMatchNumber');
  const extract = options.extract ?? 'last-number';
  const { score, extracted } = matchNumber(text, expected, extract, 'toMatchNumber');
  const how = typeof extract === 'string' ? extract : extract instanceof RegExp ? String(extract) : 'custom extractor';
  return {
    pass: score === 1,
    actual: extracted,
    expected: String(expected),
    message: () =>
      `expected the answer ${this.isNot ? 'not ' : ''}to match the number ${expected} (extract: ${how}); ` +
      `extracted ${extracted === null ? 'no number' : extracted} from ${JSON.stringify(clipAnswer(text))}`,
  };
}
