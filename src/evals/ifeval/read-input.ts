import { z } from 'zod';
import { DatasetError } from '../../shared/errors.ts';
import { parseJsonLines } from '../../shared/datasets/json-lines.ts';

/** One kwargs object of `input_data.jsonl`: the arguments of one instruction (`{}` when it takes none). */
export const InstructionKwargsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()), z.null()]));
export type InstructionKwargs = z.infer<typeof InstructionKwargsSchema>;

/** One IFEval prompt as stored in `input_data.jsonl`. */
export const IfevalPromptSchema = z.object({
  /** The dataset's own id, unique per prompt. */
  key: z.number().int(),
  prompt: z.string().min(1),
  instruction_id_list: z.array(z.string()).min(1),
  /** `kwargs[i]` holds the arguments of `instruction_id_list[i]`. */
  kwargs: z.array(InstructionKwargsSchema),
});
export type IfevalPrompt = z.infer<typeof IfevalPromptSchema>;

/**
 * Read `input_data.jsonl` content (google-research instruction_following_eval) into prompts, in file order.
 * @param source File name used in error messages.
 */
export function readIfevalInput(content: string, source = 'ifeval/input_data.jsonl'): IfevalPrompt[] {
  const prompts = parseJsonLines(content, IfevalPromptSchema, source);
  const seen = new Set<number>();
  for (const prompt of prompts) {
    if (prompt.kwargs.length !== prompt.instruction_id_list.length) {
      throw new DatasetError(
        'EVAL_DATASET_UNAVAILABLE',
        `${source}: key ${prompt.key} has ${prompt.instruction_id_list.length} instruction ids but ${prompt.kwargs.length} kwargs objects; each id needs one (use {} when it takes none).`,
      );
    }
    if (seen.has(prompt.key)) {
      throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `${source}: key ${prompt.key} appears twice; keys must be unique.`);
    }
    seen.add(prompt.key);
  }
  return prompts;
}
