import { readPinnedText, type DataContext, type DataLoader } from '../../runtime/data.ts';
import { toDatasetPin } from '../../shared/datasets/pins.ts';
import type { BfclCategory } from './categories.ts';
import { answerPinId, BFCL_DATASET_PINS, questionPinId } from './pins.ts';
import { joinBfclAnswers, readBfclAnswers, readBfclEntries, type BfclCase } from './read-dataset.ts';

// One category's questions with their possible answers, read through the verified cache.

// The pins a category reads: its questions, and its possible answers when it has them.
function categoryPins(category: BfclCategory) {
  const answers = answerPinId(category);
  return [BFCL_DATASET_PINS[questionPinId(category)], ...(answers ? [BFCL_DATASET_PINS[answers]] : [])];
}

// The first `limit` records of a JSON Lines text (all when null): parsing BFCL's Python-typed JSON is the slow part.
function firstRecords(text: string, limit: number | null): string {
  if (limit === null) return text;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, limit)
    .join('\n');
}

/**
 * Read a category's cases (questions joined with possible answers; irrelevance and relevance have none), or only its
 * first `limit` (question and answer files list the same ids in the same order).
 */
export async function loadBfclCategory(context: DataContext, category: BfclCategory, limit: number | null = null): Promise<BfclCase[]> {
  const [questions, answers] = await Promise.all(categoryPins(category).map((pin) => readPinnedText(pin, context)));
  const entries = readBfclEntries(firstRecords(questions!, limit), category);
  return joinBfclAnswers(
    entries,
    answers === undefined ? null : readBfclAnswers(firstRecords(answers, limit), `possible_answer/BFCL_v4_${category}.json`),
  );
}

/** A category as an eval data source. */
export function bfclSource(category: BfclCategory): DataLoader<BfclCase> {
  return {
    description: `BFCL v4 ${category} (ShishirPatil/gorilla)`,
    load: async (context) => ({ items: await loadBfclCategory(context, category), pins: categoryPins(category).map(toDatasetPin) }),
  };
}
