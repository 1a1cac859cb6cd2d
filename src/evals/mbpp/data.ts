import { readPinnedText, type DataContext, type DataLoader } from '../../runtime/data.ts';
import { toDatasetPin } from '../../shared/datasets/pins.ts';
import { MBPP_PINS } from './pins.ts';
import { parseMbpp, type MbppProblem, type MbppSplit } from './reader.ts';

const PIN_OF = { test: MBPP_PINS['mbpp/full'], 'sanitized-test': MBPP_PINS['mbpp/sanitized'] } as const;

// One split's problems (test: ids 11-510; sanitized-test: 257), read through the verified cache.
export async function loadMbpp(context: DataContext, split: MbppSplit): Promise<MbppProblem[]> {
  return parseMbpp(split, await readPinnedText(PIN_OF[split], context));
}

/** A split as an eval data source. */
export function mbppSource(split: MbppSplit): DataLoader<MbppProblem> {
  return {
    description: `MBPP ${split}`,
    load: async (context) => ({ items: await loadMbpp(context, split), pins: [toDatasetPin(PIN_OF[split])] }),
  };
}
