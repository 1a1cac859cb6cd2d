import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { RunContext } from '../../shared/context.ts';
import { longContextSource } from './data.ts';
import { ANSWER_TOKENS, buildCaseMessages } from './generate.ts';
import { DEFAULT_LENGTH_VARIANTS, type LengthVariant, lengthTokens } from './lengths.ts';
import { longContextScorer } from './score.ts';
import { describeLongContextPrompt } from './transcript.ts';

/** Long context per configured length: one dataset key per length (`long_context/32k`), RULER's score per task. */
export function longContextEvals(run: Pick<RunContext, 'variants'>): AnyEvalDefinition[] {
  return (run.variants.long_context ?? DEFAULT_LENGTH_VARIANTS).map((variant) => {
    const tokens = lengthTokens(variant);
    return evalDefinition({
      name: 'long_context',
      variant,
      label: `Long context ${variant} (${tokens} tokens, synthetic RULER-style needles)`,
      data: longContextSource(variant as LengthVariant),
      prompt: buildCaseMessages,
      transcript: describeLongContextPrompt,
      expected: (item) => item.expected.join(', '),
      scorers: [longContextScorer],
      sampling: { maxTokens: ANSWER_TOKENS },
    });
  });
}
