import { z } from 'zod';
import { wordTokenize } from '../nltk/word-tokenize.ts';
import { pyIsLower, pyIsUpper } from '../python-text.ts';
import { compareCount, RelationSchema, type Check, type CheckContext } from './types.ts';

// change_case:* — capital words (NLTK tokens), all capitals / all lowercase in English.
// langdetect raising counts as followed, as in the reference.

export const CapitalWordFrequencyKwargs = z.object({ capital_frequency: z.number().int(), capital_relation: RelationSchema });
/** change_case:capital_word_frequency — tokens in all capitals, less than / at least N. */
export function checkCapitalWordFrequency({ capital_frequency, capital_relation }: z.infer<typeof CapitalWordFrequencyKwargs>): Check {
  return (response) => compareCount(wordTokenize(response).filter(pyIsUpper).length, capital_relation, capital_frequency);
}

/** change_case:english_capital — `isupper()` and langdetect says `en`. */
export function checkEnglishCapital(context: CheckContext): Check {
  return (response) => pyIsUpper(response) && (context.detectLanguage(response) ?? 'en') === 'en';
}

/** change_case:english_lowercase — `islower()` and langdetect says `en`. */
export function checkEnglishLowercase(context: CheckContext): Check {
  return (response) => pyIsLower(response) && (context.detectLanguage(response) ?? 'en') === 'en';
}
