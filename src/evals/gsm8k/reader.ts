import { z } from 'zod';
import { DatasetError } from '../../shared/errors.ts';
import { parseJsonLines } from '../../shared/datasets/json-lines.ts';

/** One GSM8K problem. */
export interface Gsm8kCase {
  /** 0-based line index in the file, as a string. */
  id: string;
  question: string;
  /** Reference solution with `<<a*b=c>>` calculator annotations and the final `#### N` line. */
  solution: string;
  /** Text after the last `#### `, trimmed, as written (`1,080`). */
  gold: string;
}

const Gsm8kRecordSchema = z.looseObject({ question: z.string().min(1), answer: z.string() });

const GOLD_MARKER = '#### ';

/**
 * Read GSM8K `test.jsonl` / `train.jsonl` content (openai/grade-school-math) into cases.
 * @param source File name used in error messages.
 */
export function readGsm8k(content: string, source = 'gsm8k'): Gsm8kCase[] {
  return parseJsonLines(content, Gsm8kRecordSchema, source).map((record, index) => {
    const at = record.answer.lastIndexOf(GOLD_MARKER);
    if (at === -1) {
      throw new DatasetError('EVAL_DATASET_UNAVAILABLE', `${source}: record ${index} has no "${GOLD_MARKER}" gold line.`);
    }
    return {
      id: String(index),
      question: record.question,
      solution: record.answer,
      gold: record.answer.slice(at + GOLD_MARKER.length).trim(),
    };
  });
}
