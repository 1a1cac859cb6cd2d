import { readPinnedText, type DataContext, type DataLoader } from '../../runtime/data.ts';
import { toDatasetPin } from '../../shared/datasets/pins.ts';
import { HUMANEVAL_PINS } from './pins.ts';
import { parseHumanEval, type HumanEvalProblem } from './reader.ts';

const TEST = HUMANEVAL_PINS['humaneval/test'];

// The 164 problems, read through the verified cache.
export async function loadHumanEval(context: DataContext): Promise<HumanEvalProblem[]> {
  return parseHumanEval(await readPinnedText(TEST, context));
}

/** The problems as an eval data source. */
export const humanEvalSource: DataLoader<HumanEvalProblem> = {
  description: 'HumanEval (openai/human-eval)',
  load: async (context) => ({ items: await loadHumanEval(context), pins: [toDatasetPin(TEST)] }),
};
