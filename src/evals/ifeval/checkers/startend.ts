import { z } from 'zod';
import { pyStrip } from '../python-text.ts';
import type { Check } from './types.ts';

// startend:* — the closing phrase, and quotation marks around everything.

export const EndCheckerKwargs = z.object({ end_phrase: z.string().min(1) });
/** startend:end_checker — ends with the phrase, ignoring case, outer whitespace and outer `"`. */
export function checkEndPhrase({ end_phrase }: z.infer<typeof EndCheckerKwargs>): Check {
  const expected = pyStrip(end_phrase).toLowerCase();
  return (response) => pyStrip(pyStrip(response), '"').toLowerCase().endsWith(expected);
}

/** startend:quotation — the stripped response starts and ends with `"` (and is longer than one character). */
export function checkQuotation(): Check {
  return (response) => {
    const value = pyStrip(response);
    return [...value].length > 1 && value.startsWith('"') && value.endsWith('"');
  };
}
