import { DatasetError } from '../../shared/errors.ts';
import { preprocessHellaswagText, reconstructHellaswagQuery } from './preprocess.ts';

/** One HellaSwag validation item. */
export interface HellaswagCase {
  /** 0-based index in the validation set, as a string. */
  id: string;
  /** `activity_label: ctx` as stored in the derived file (extractor's preprocessing, `ctx_b` not capitalised). */
  storedContext: string;
  /** lm-eval's query, reconstructed from the stored context (see `reconstructHellaswagQuery`). */
  query: string;
  /** The four endings after lm-eval's `preprocess`. */
  endings: string[];
  /** Index of the gold ending, 0-3. */
  label: number;
}

const LINES_PER_ITEM = 6;

/**
 * Read the derived text format of klosax/hellaswag_text_data (`hellaswag_val_full.txt`): six lines per item —
 * context, gold index, four endings.
 * @param source File name used in error messages.
 */
export function readHellaswagText(content: string, source = 'hellaswag'): HellaswagCase[] {
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length % LINES_PER_ITEM !== 0) {
    throw new DatasetError(
      'EVAL_DATASET_UNAVAILABLE',
      `${source}: ${lines.length} lines is not a multiple of ${LINES_PER_ITEM}; is this hellaswag_val_full.txt?`,
    );
  }
  const cases: HellaswagCase[] = [];
  for (let start = 0; start < lines.length; start += LINES_PER_ITEM) {
    const [context = '', labelLine = '', ...endings] = lines.slice(start, start + LINES_PER_ITEM);
    if (!/^[0-3]$/.test(labelLine.trim())) {
      throw new DatasetError(
        'EVAL_DATASET_UNAVAILABLE',
        `${source}: line ${start + 2} should be a gold index 0-3, got ${JSON.stringify(labelLine)}.`,
      );
    }
    cases.push({
      id: String(start / LINES_PER_ITEM),
      storedContext: context,
      query: reconstructHellaswagQuery(context),
      endings: endings.map(preprocessHellaswagText),
      label: Number(labelLine.trim()),
    });
  }
  return cases;
}
