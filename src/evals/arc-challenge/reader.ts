import { z } from 'zod';
import { DatasetError } from '../../shared/errors.ts';
import { parseJsonLines } from '../../shared/datasets/json-lines.ts';

/** One ARC question with the dataset's own labels (`A`-`E`, or `1`-`5` for some items). */
export interface ArcCase {
  /** The dataset's `id`, e.g. `Mercury_7175875`. */
  id: string;
  question: string;
  /** Three to five options, in file order. */
  choices: { label: string; text: string }[];
  /** Label of the correct option. */
  answerKey: string;
}

const ArcRecordSchema = z.looseObject({
  id: z.string().min(1),
  question: z.looseObject({
    stem: z.string().min(1),
    choices: z.array(z.looseObject({ label: z.string().min(1), text: z.string() })).min(2),
  }),
  answerKey: z.string().min(1),
});

/**
 * Read AI2's `ARC-Challenge-{Test,Dev}.jsonl` content into cases; labels and choice order are kept as given.
 * @param source File name used in error messages.
 */
export function readArcChallenge(content: string, source = 'arc_challenge'): ArcCase[] {
  return parseJsonLines(content, ArcRecordSchema, source).map((record) => {
    const choices = record.question.choices.map((c) => ({ label: c.label, text: c.text }));
    if (!choices.some((c) => c.label === record.answerKey)) {
      throw new DatasetError(
        'EVAL_DATASET_UNAVAILABLE',
        `${source}: ${record.id} has answerKey ${record.answerKey}, which is not one of its labels.`,
      );
    }
    return { id: record.id, question: record.question.stem, choices, answerKey: record.answerKey };
  });
}
