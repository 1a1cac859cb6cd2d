import { describe, expect, test } from 'vitest';
import { DatasetError } from '../../../src/shared/errors.ts';
import {
  answerPinId,
  BFCL_CATEGORIES,
  BFCL_DATASET_PINS,
  categoryOfId,
  joinBfclAnswers,
  questionPinId,
  readBfclAnswers,
  readBfclEntries,
} from '../../../src/evals/bfcl/index.ts';
import { readShared } from '../../helpers/shared.ts';

describe('BFCL v4 readers on the shared copies', () => {
  test.each(BFCL_CATEGORIES)('%s: every question is read, with its pinned record count and BFCL ids', (category) => {
    const pin = BFCL_DATASET_PINS[questionPinId(category)];
    const entries = readBfclEntries(readShared(pin.localPath), category);
    expect(entries).toHaveLength(pin.records);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    expect(entries.every((entry) => categoryOfId(entry.id) === category && entry.turns.length === 1)).toBe(true);
  });

  test.each(BFCL_CATEGORIES.filter((category) => answerPinId(category) !== null))(
    '%s: every question gets its possible answer',
    (category) => {
      const entries = readBfclEntries(readShared(BFCL_DATASET_PINS[questionPinId(category)].localPath), category);
      const answers = readBfclAnswers(readShared(BFCL_DATASET_PINS[answerPinId(category)!].localPath));
      const cases = joinBfclAnswers(entries, answers);
      expect(cases.every((testCase) => testCase.answer !== null && testCase.answer.length > 0)).toBe(true);
    },
  );

  test('irrelevance and relevance have no possible-answer file', () => {
    expect(BFCL_CATEGORIES.filter((category) => answerPinId(category) === null)).toEqual([
      'irrelevance',
      'live_irrelevance',
      'live_relevance',
    ]);
  });

  test('possible answers keep the int/float distinction of the file', () => {
    const [answer] = readBfclAnswers('{"id": "simple_python_0", "ground_truth": [{"f": {"n": [5], "x": [5.0, ""]}}]}');
    expect(answer!.calls[0]!.params).toEqual(Object.assign(Object.create(null), { n: [5n], x: [5, ''] }));
  });
});

describe('BFCL reader errors', () => {
  const line = (id: string) => JSON.stringify({ id, question: [[{ role: 'user', content: 'q' }]], function: [] });

  test('a question of another category is refused, naming the id', () => {
    expect(() => readBfclEntries(line('multiple_0'), 'simple_python')).toThrow(/"multiple_0" is not a simple_python id/);
  });

  test('a line that is not a BFCL record is refused, naming the line and field', () => {
    expect(() => readBfclEntries(`${line('simple_python_0')}\n{"id": "simple_python_1"}`, 'simple_python')).toThrow(/line 2 .*question/);
  });

  test('a question without a possible answer is refused', () => {
    const entries = readBfclEntries(line('simple_python_0'), 'simple_python');
    expect(() => joinBfclAnswers(entries, [])).toThrow(DatasetError);
  });
});
