import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { extractFinalAnswerLine, extractLastNumber } from '../../../src/scorers/numeric/extract.ts';
import { readGsm8k } from '../../../src/evals/gsm8k/reader.ts';
import { findNumbers, numbersMatch, parseNumber, type NumberToken } from '../../../src/scorers/numeric/numbers.ts';
import { readShared } from '../../helpers/shared.ts';

// OpenAI's published GPT-3 GSM8K solutions with their own `is_correct` verdicts (see GSM8K-DISAGREEMENTS.md).

const MODELS = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'] as const;
const Solution = z.object({ solution: z.string(), is_correct: z.boolean() });
const Row = z.object(Object.fromEntries(MODELS.map((m) => [m, Solution])) as Record<(typeof MODELS)[number], typeof Solution>);

const gold = readGsm8k(readShared('gsm8k', 'test.jsonl'));
const rows = readShared('gsm8k', 'model-outputs', 'example_model_solutions.jsonl')
  .split('\n')
  .filter(Boolean)
  .map((line) => Row.parse(JSON.parse(line)));

// Share of rows where our verdict equals OpenAI's, plus the ids that differ.
function agreement(model: (typeof MODELS)[number], extract: (text: string) => NumberToken | null) {
  const differing: string[] = [];
  rows.forEach((row, i) => {
    const found = extract(row[model].solution);
    const ours = found !== null && numbersMatch(found, parseNumber(gold[i]!.gold)!);
    if (ours !== row[model].is_correct) differing.push(String(i));
  });
  return { rate: 1 - differing.length / rows.length, differing };
}

describe('GSM8K scoring agrees with OpenAI is_correct on published GPT-3 solutions', () => {
  test('the solutions file is aligned with test.jsonl (1319 rows)', () => {
    expect(rows.length).toBe(gold.length);
  });

  test.each(MODELS)('final-answer-line extraction agrees on every row of %s', (model) => {
    const { rate, differing } = agreement(model, (text) => extractFinalAnswerLine(text));
    expect(differing).toEqual([]);
    expect(rate).toBeGreaterThanOrEqual(0.99);
  });

  test.each(MODELS)('last-number (flexible) extraction agrees on at least 0.99 of %s', (model) => {
    expect(agreement(model, extractLastNumber).rate).toBeGreaterThanOrEqual(0.99);
  });

  test('a first-number extractor would disagree on far more than 1% (the check has teeth)', () => {
    const first = (text: string) => findNumbers(text)[0] ?? null;
    expect(agreement('175b_verification', first).rate).toBeLessThan(0.9);
  });
});
