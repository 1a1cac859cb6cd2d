import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { detectLanguage, INSTRUCTION_IDS, looseVariants, readIfevalInput, scoreResponse } from '../../../src/evals/ifeval/index.ts';
import { pyIsLower, pyIsUpper } from '../../../src/evals/ifeval/python-text.ts';
import { readShared } from '../../helpers/shared.ts';

// Llama-3.1-8B-Instruct responses with the verdicts of google-research's evaluation_main
// (shared/datasets/ifeval/model-outputs/). Agreement per prompt and per instruction, strict and loose;
// every remaining disagreement is listed and explained below (see also src/evals/ifeval/README.md).

const Verdict = z.object({
  prompt: z.string(),
  response: z.string(),
  instruction_id_list: z.array(z.string()),
  follow_instruction_list: z.array(z.boolean()),
  follow_all_instructions: z.boolean(),
});
const dir = ['ifeval', 'model-outputs', 'llama-3.1-8b-instruct'] as const;
const readVerdicts = (file: string) =>
  readShared(...dir, file)
    .split('\n')
    .filter(Boolean)
    .map((l) => Verdict.parse(JSON.parse(l)));

const prompts = new Map(readIfevalInput(readShared('ifeval', 'input_data.jsonl')).map((p) => [p.prompt, p]));
const official = { strict: readVerdicts('eval_results_strict.jsonl'), loose: readVerdicts('eval_results_loose.jsonl') };
const rows = official.strict.map((reference, i) => {
  const prompt = prompts.get(reference.prompt)!;
  return { prompt, reference: { strict: reference, loose: official.loose[i]! }, ours: scoreResponse(prompt, reference.response) };
});
const MODES = ['strict', 'loose'] as const;

// "mode key instruction_id" for every instruction where our verdict differs from the official one.
const instructionDisagreements = rows.flatMap(({ prompt, reference, ours }) =>
  MODES.flatMap((mode) =>
    prompt.instruction_id_list
      .filter((_, k) => ours[mode].follow_instruction_list[k] !== reference[mode].follow_instruction_list[k])
      .map((id) => `${mode} ${prompt.key} ${id}`),
  ),
);

const row = (key: number) => rows.find((r) => r.prompt.key === key)!;

describe('IFEval checkers agree with the official verdicts on Llama-3.1-8B-Instruct outputs', () => {
  test('the verdict files cover all 541 prompts, aligned, with the same responses', () => {
    expect(rows).toHaveLength(541);
    expect(official.loose.map((v) => v.prompt)).toEqual(official.strict.map((v) => v.prompt));
    expect(official.loose.map((v) => v.response)).toEqual(official.strict.map((v) => v.response));
  });

  test.each(MODES)('per-prompt agreement is at least 0.99 (%s)', (mode) => {
    const agree = rows.filter((r) => r.ours[mode].follow_all_instructions === r.reference[mode].follow_all_instructions).length;
    expect(agree / rows.length).toBeGreaterThanOrEqual(0.99);
  });

  test('every checker agrees on at least 90% of its instructions in both modes', () => {
    for (const id of INSTRUCTION_IDS) {
      const total = rows.flatMap((r) => r.prompt.instruction_id_list.filter((x) => x === id)).length;
      const wrong = instructionDisagreements.filter((d) => d.endsWith(` ${id}`));
      for (const mode of MODES)
        expect(1 - wrong.filter((d) => d.startsWith(mode)).length / total, `${id} ${mode}`).toBeGreaterThanOrEqual(0.9);
    }
  });

  test('the only instruction-level disagreements are the four cases explained below', () => {
    expect(instructionDisagreements.sort()).toEqual([
      'loose 1813 change_case:english_capital',
      'loose 3617 change_case:english_capital',
      'strict 1122 keywords:letter_frequency',
      'strict 1813 change_case:english_capital',
      'strict 279 change_case:english_lowercase',
    ]);
  });

  test('a scorer that ignores the instructions would disagree far more (the check has teeth)', () => {
    const lenient = rows.filter((r) => r.reference.strict.follow_all_instructions).length / rows.length;
    expect(lenient).toBeLessThan(0.9);
  });
});

describe('remaining disagreements, explained', () => {
  // langdetect is unseeded in the reference; on these texts its answer depends on the draw.
  const answersOverSeeds = (text: string) => new Set(Array.from({ length: 20 }, (_, seed) => detectLanguage(text, { seed })));

  test('1813 english_capital (strict and loose): the all-caps response is "en" for some langdetect seeds only; the reference drew another language', () => {
    const { prompt, reference } = row(1813);
    const k = prompt.instruction_id_list.indexOf('change_case:english_capital');
    expect(pyIsUpper(reference.strict.response)).toBe(true);
    expect(reference.strict.follow_instruction_list[k]).toBe(false);
    const answers = answersOverSeeds(reference.strict.response);
    expect(answers.has('en')).toBe(true);
    expect([...answers].some((a) => a !== 'en')).toBe(true);
  });

  test('279 english_lowercase (strict): the lowercase response is "en" for some seeds only; the reference drew another language', () => {
    const { prompt, reference } = row(279);
    const k = prompt.instruction_id_list.indexOf('change_case:english_lowercase');
    expect(pyIsLower(reference.strict.response)).toBe(true);
    expect(reference.strict.follow_instruction_list[k]).toBe(false);
    const answers = answersOverSeeds(reference.strict.response);
    expect(answers.has('en')).toBe(true);
    expect([...answers].some((a) => a !== 'en')).toBe(true);
  });

  test('3617 english_capital (loose): the only all-caps variant is "en" for some seeds only; the reference drew another language', () => {
    const { prompt, reference } = row(3617);
    expect(prompt.instruction_id_list).toEqual(['change_case:english_capital']);
    const upper = looseVariants(reference.strict.response).filter((v) => v.trim() !== '' && pyIsUpper(v));
    expect(upper.length).toBeGreaterThan(0);
    expect(reference.loose.follow_all_instructions).toBe(false);
    const answers = new Set(upper.flatMap((v) => [...answersOverSeeds(v)]));
    expect(answers.has('en')).toBe(true);
    expect([...answers].some((a) => a !== 'en')).toBe(true);
  });

  test('1122 letter_frequency "#" (strict): the reference as run swapped a non-letter for a random ASCII letter; we count "#"', () => {
    const { prompt, reference, ours } = row(1122);
    const k = prompt.instruction_id_list.indexOf('keywords:letter_frequency');
    expect(prompt.kwargs[k]).toEqual({ let_relation: 'at least', letter: '#', let_frequency: 4 });
    const count = (text: string, ch: string) => [...text.toLowerCase()].filter((c) => c === ch).length;
    expect(count(reference.strict.response, '#')).toBeGreaterThanOrEqual(4);
    expect(ours.strict.follow_instruction_list[k]).toBe(true);
    // Strict false but loose true is impossible for one fixed letter with "at least": no loose variant
    // holds more of a letter than the response itself. So the two official runs used different letters.
    expect(reference.strict.follow_instruction_list[k]).toBe(false);
    expect(reference.loose.follow_instruction_list[k]).toBe(true);
    for (const variant of looseVariants(reference.strict.response)) {
      for (const letter of 'abcdefghijklmnopqrstuvwxyz#')
        expect(count(variant, letter)).toBeLessThanOrEqual(count(reference.strict.response, letter));
    }
  });
});
