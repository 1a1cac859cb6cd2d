import type { DataLoader } from '../../runtime/data.ts';
import { readPinnedText } from '../../runtime/data.ts';
import { toDatasetPin } from '../../shared/datasets/pins.ts';
import { GSM8K_PINS } from './pins.ts';
import { readGsm8k, type Gsm8kCase } from './reader.ts';

/** The test split, and the train split's exemplars when a few-shot variant needs them. */
export interface Gsm8kData {
  test: Gsm8kCase[];
  train: Gsm8kCase[];
}

// Read the pinned test split (and train for few-shot) through the verified cache.
export async function loadGsm8k(context: Parameters<DataLoader<unknown>['load']>[0], withTrain: boolean): Promise<Gsm8kData> {
  const [test, train] = await Promise.all([
    readPinnedText(GSM8K_PINS['gsm8k/test'], context),
    withTrain ? readPinnedText(GSM8K_PINS['gsm8k/train'], context) : null,
  ]);
  return { test: readGsm8k(test, 'gsm8k/test.jsonl'), train: train === null ? [] : readGsm8k(train, 'gsm8k/train.jsonl') };
}

/** A data source of the test split that also keeps the train exemplars for the prompt. */
export function gsm8kSource(withTrain: boolean, keep: (data: Gsm8kData) => void): DataLoader<Gsm8kCase> {
  return {
    description: 'gsm8k (openai/grade-school-math)',
    load: async (context) => {
      const data = await loadGsm8k(context, withTrain);
      keep(data);
      const pins = withTrain ? [GSM8K_PINS['gsm8k/test'], GSM8K_PINS['gsm8k/train']] : [GSM8K_PINS['gsm8k/test']];
      return { items: data.test, pins: pins.map(toDatasetPin) };
    },
  };
}
