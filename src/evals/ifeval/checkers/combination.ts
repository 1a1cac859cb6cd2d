import { z } from 'zod';
import { pyStrip } from '../python-text.ts';
import type { Check } from './types.ts';

// combination:* — two responses, repeating the prompt.

/** combination:two_responses — exactly two different non-empty parts around `******` (empty only at the ends). */
export function checkTwoResponses(): Check {
  return (response) => {
    const parts = response.split('******');
    const kept: string[] = [];
    for (const [index, part] of parts.entries()) {
      if (pyStrip(part) !== '') kept.push(part);
      else if (index !== 0 && index !== parts.length - 1) return false;
    }
    return kept.length === 2 && pyStrip(kept[0]!) !== pyStrip(kept[1]!);
  };
}

export const RepeatPromptKwargs = z.object({ prompt_to_repeat: z.string().min(1) });
/** combination:repeat_prompt — the response starts with the request, ignoring case and outer whitespace. */
export function checkRepeatPrompt({ prompt_to_repeat }: z.infer<typeof RepeatPromptKwargs>): Check {
  const expected = pyStrip(prompt_to_repeat).toLowerCase();
  return (response) => pyStrip(response).toLowerCase().startsWith(expected);
}
