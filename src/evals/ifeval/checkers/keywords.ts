import { z } from 'zod';
import { compilePythonPattern } from '../python-regex.ts';
import { pyStrip } from '../python-text.ts';
import { compareCount, RelationSchema, type Check } from './types.ts';

// keywords:* — keywords are Python regular expressions matched case-insensitively.

export const ExistenceKwargs = z.object({ keywords: z.array(z.string().min(1)).min(1) });
/** keywords:existence — every keyword is found. */
export function checkExistence({ keywords }: z.infer<typeof ExistenceKwargs>): Check {
  const patterns = keywords.map((keyword) => compilePythonPattern(keyword, 'i'));
  return (response) => patterns.every((pattern) => pattern.test(response));
}

export const FrequencyKwargs = z.object({ keyword: z.string().min(1), frequency: z.number().int(), relation: RelationSchema });
/** keywords:frequency — the keyword occurs less than / at least `frequency` times. */
export function checkFrequency({ keyword, frequency, relation }: z.infer<typeof FrequencyKwargs>): Check {
  const pattern = compilePythonPattern(pyStrip(keyword), 'gi');
  return (response) => compareCount([...response.matchAll(pattern)].length, relation, frequency);
}

export const ForbiddenWordsKwargs = z.object({ forbidden_words: z.array(z.string().min(1)).min(1) });
/** keywords:forbidden_words — no forbidden word occurs as a whole word. */
export function checkForbiddenWords({ forbidden_words }: z.infer<typeof ForbiddenWordsKwargs>): Check {
  const patterns = [...new Set(forbidden_words)].map((word) => compilePythonPattern(`\\b${word}\\b`, 'i'));
  return (response) => !patterns.some((pattern) => pattern.test(response));
}

export const LetterFrequencyKwargs = z.object({
  letter: z.string().length(1),
  let_frequency: z.number().int(),
  let_relation: RelationSchema,
});
/** keywords:letter_frequency — the letter (case-folded by `lower()`) occurs less than / at least N times. */
export function checkLetterFrequency({ letter, let_frequency, let_relation }: z.infer<typeof LetterFrequencyKwargs>): Check {
  const target = pyStrip(letter).toLowerCase();
  return (response) => {
    let count = 0;
    for (const ch of response.toLowerCase()) if (ch === target) count++;
    return compareCount(count, let_relation, let_frequency);
  };
}
