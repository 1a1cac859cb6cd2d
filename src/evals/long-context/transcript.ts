import type { LongContextCase } from './generate.ts';
import { LONG_CONTEXT_SYSTEM_PROMPT } from './prompt.ts';

/**
 * What a case record keeps of the prompt: everything but the haystack, which is named by its size and seed (the
 * generator rebuilds it), so a 128K-token prompt does not weigh half a megabyte in every record.
 */
export function describeLongContextPrompt(testCase: LongContextCase): string {
  const needles = testCase.needles.map((needle, i) => `  at ${Math.round(testCase.depths[i]! * 100)}%: ${needle}`).join('\n');
  return [
    `system: ${LONG_CONTEXT_SYSTEM_PROMPT}`,
    '',
    `user: ${testCase.header}`,
    `[haystack: ${testCase.sentences} generated sentences (seed ${testCase.haystackSeed}), ~${testCase.targetTokens} prompt tokens, with the needles]`,
    needles,
    testCase.question,
  ].join('\n');
}
