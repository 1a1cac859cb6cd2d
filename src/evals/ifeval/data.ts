import { readPinnedText, type DataContext, type DataLoader } from '../../runtime/data.ts';
import { toDatasetPin } from '../../shared/datasets/pins.ts';
import { IFEVAL_INPUT_PIN } from './pins.ts';
import { readIfevalInput, type IfevalPrompt } from './read-input.ts';

// The pinned prompts, read through the verified cache.
export async function loadIfeval(context: DataContext): Promise<IfevalPrompt[]> {
  return readIfevalInput(await readPinnedText(IFEVAL_INPUT_PIN, context));
}

/** IFEval's prompts as an eval data source. */
export const ifevalSource: DataLoader<IfevalPrompt> = {
  description: 'IFEval input_data.jsonl (google-research instruction_following_eval)',
  load: async (context) => ({ items: await loadIfeval(context), pins: [toDatasetPin(IFEVAL_INPUT_PIN)] }),
};
