import { z } from 'zod';
import { detectLanguage, DEFAULT_LANGDETECT_SEED } from './langdetect/detect-language.ts';
import { looseVariants } from './loose-variants.ts';
import { pyStrip } from './python-text.ts';
import type { IfevalPrompt } from './read-input.ts';
import { buildCheck } from './registry.ts';
import type { CheckContext } from './checkers/types.ts';

/** Verdicts for one prompt in one mode, shaped like the reference's `OutputExample`. */
export const IfevalVerdictSchema = z.object({
  instruction_id_list: z.array(z.string()),
  /** One entry per instruction: followed or not. */
  follow_instruction_list: z.array(z.boolean()),
  /** Every instruction followed (the prompt-level verdict). */
  follow_all_instructions: z.boolean(),
});
export type IfevalVerdict = z.infer<typeof IfevalVerdictSchema>;

/** Strict and loose verdicts for one response. */
export interface IfevalScore {
  strict: IfevalVerdict;
  loose: IfevalVerdict;
}

/** Options of {@link scoreResponse}. */
export interface ScoreResponseOptions {
  /** langdetect generator seed (the reference is unseeded). @default DEFAULT_LANGDETECT_SEED */
  langdetectSeed?: number;
}

function verdict(prompt: IfevalPrompt, followed: boolean[]): IfevalVerdict {
  return {
    instruction_id_list: [...prompt.instruction_id_list],
    follow_instruction_list: followed,
    follow_all_instructions: followed.every(Boolean),
  };
}

/**
 * Score a response to an IFEval prompt the way google-research's evaluation_lib does: strict checks
 * the response as it is, loose passes an instruction when any of the eight variants follows it; an
 * empty or whitespace-only candidate never follows anything.
 */
export function scoreResponse(prompt: IfevalPrompt, response: string, options: ScoreResponseOptions = {}): IfevalScore {
  const seed = options.langdetectSeed ?? DEFAULT_LANGDETECT_SEED;
  const context: CheckContext = { detectLanguage: (text) => detectLanguage(text, { seed }) };
  const variants = looseVariants(response).filter((text) => pyStrip(text) !== '');
  const strict: boolean[] = [];
  const loose: boolean[] = [];
  prompt.instruction_id_list.forEach((id, index) => {
    const check = buildCheck(id, prompt.kwargs[index] ?? {}, context);
    const strictFollowed = pyStrip(response) !== '' && check(response);
    strict.push(strictFollowed);
    loose.push(strictFollowed || variants.some((text) => check(text)));
  });
  return { strict: verdict(prompt, strict), loose: verdict(prompt, loose) };
}
