import { readPinnedText, type DataContext, type DataLoader } from '../../runtime/data.ts';
import { toDatasetPin } from '../../shared/datasets/pins.ts';
import { HELLASWAG_PINS } from './pins.ts';
import { readHellaswagText, type HellaswagCase } from './reader.ts';

const VALIDATION = HELLASWAG_PINS['hellaswag/validation'];

// The pinned validation split (derived text format), read through the verified cache.
export async function loadHellaswag(context: DataContext): Promise<HellaswagCase[]> {
  return readHellaswagText(await readPinnedText(VALIDATION, context), 'hellaswag/hellaswag_val_full.txt');
}

/** The validation split as an eval data source. */
export const hellaswagSource: DataLoader<HellaswagCase> = {
  description: 'HellaSwag validation (derived text format)',
  load: async (context) => ({ items: await loadHellaswag(context), pins: [toDatasetPin(VALIDATION)] }),
};
