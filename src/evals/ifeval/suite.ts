import { evalDefinition, type AnyEvalDefinition } from '../../runtime/define-eval.ts';
import type { DataSource } from '../../runtime/data.ts';
import { ifevalSource } from './data.ts';
import { buildIfevalMessages, IFEVAL_MAX_TOKENS } from './prompt.ts';
import type { IfevalPrompt } from './read-input.ts';
import { ifevalScorer } from './score.ts';

/**
 * IFEval: each prompt sent alone, greedy, up to 1280 tokens; strict and loose verdicts per instruction.
 * @param data where the prompts come from @default the pinned input_data.jsonl
 */
export function ifevalEvals(data: DataSource<IfevalPrompt> = ifevalSource): AnyEvalDefinition[] {
  return [
    evalDefinition({
      name: 'ifeval',
      variant: 'chat',
      label: 'IFEval (strict and loose, prompt and instruction level)',
      data,
      id: 'key',
      prompt: buildIfevalMessages,
      expected: (item) => item.instruction_id_list.join(', '),
      sampling: { maxTokens: IFEVAL_MAX_TOKENS },
      scorers: [ifevalScorer()],
    }),
  ];
}
