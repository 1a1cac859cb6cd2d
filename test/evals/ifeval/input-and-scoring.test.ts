import { describe, expect, test } from 'vitest';
import { PUBLIC_URL_TEMPLATE } from '../../../src/shared/datasets/pins.ts';
import { DatasetError } from '../../../src/shared/errors.ts';
import {
  computeIfevalMetrics,
  IFEVAL_INPUT_PIN,
  INSTRUCTION_IDS,
  looseVariants,
  readIfevalInput,
  scoreResponse,
  type IfevalPrompt,
} from '../../../src/evals/ifeval/index.ts';
import { readShared } from '../../helpers/shared.ts';

const prompts = readIfevalInput(readShared('ifeval', 'input_data.jsonl'));

describe('input_data.jsonl', () => {
  test('holds 541 prompts with unique keys and 834 instructions, all of registered ids', () => {
    expect(prompts).toHaveLength(IFEVAL_INPUT_PIN.records);
    expect(new Set(prompts.map((p) => p.key)).size).toBe(prompts.length);
    const ids = prompts.flatMap((p) => p.instruction_id_list);
    expect(ids).toHaveLength(834);
    expect(new Set(ids)).toEqual(new Set(INSTRUCTION_IDS));
  });

  test('is pinned at the public raw URL template', () => {
    expect(IFEVAL_INPUT_PIN.id).toBe('ifeval/input_data');
    expect(IFEVAL_INPUT_PIN.urlTemplate).toBe(PUBLIC_URL_TEMPLATE);
  });

  test('rejects a prompt whose kwargs do not pair with its ids, naming the key', () => {
    const line = JSON.stringify({ key: 7, prompt: 'p', instruction_id_list: ['punctuation:no_comma'], kwargs: [] });
    expect(() => readIfevalInput(line)).toThrow(DatasetError);
    expect(() => readIfevalInput(line)).toThrow(/key 7/);
  });

  test('rejects a duplicated key', () => {
    const line = JSON.stringify({ key: 7, prompt: 'p', instruction_id_list: ['punctuation:no_comma'], kwargs: [{}] });
    expect(() => readIfevalInput(`${line}\n${line}`)).toThrow(/appears twice/);
  });
});

const prompt: IfevalPrompt = {
  key: 1,
  prompt: 'Answer in lowercase, no commas, and end with "bye".',
  instruction_id_list: ['punctuation:no_comma', 'startend:end_checker'],
  kwargs: [{}, { end_phrase: 'bye' }],
};

describe('scoring one response', () => {
  test('builds the eight loose variants: as is, without *, without first/last/both lines', () => {
    expect(looseVariants('Sure!\n**hi**\nbye')).toEqual([
      'Sure!\n**hi**\nbye',
      'Sure!\nhi\nbye',
      '**hi**\nbye',
      'Sure!\n**hi**',
      '**hi**',
      'hi\nbye',
      'Sure!\nhi',
      'hi',
    ]);
  });

  test('strict fails what loose forgives: a chatty last line after the end phrase', () => {
    const score = scoreResponse(prompt, 'hello there bye\nHope this helps, friend');
    expect(score.strict.follow_instruction_list).toEqual([false, false]);
    expect(score.loose.follow_instruction_list).toEqual([true, true]);
    expect(score.loose.follow_all_instructions).toBe(true);
  });

  test('an empty or blank response follows nothing, even instructions it cannot break', () => {
    for (const response of ['', '  \n ']) {
      const score = scoreResponse(prompt, response);
      expect(score.strict.follow_instruction_list).toEqual([false, false]);
      expect(score.loose.follow_instruction_list).toEqual([false, false]);
    }
  });
});

describe('the four metrics', () => {
  test('prompt level needs every instruction; instruction level is the flattened share', () => {
    const strict = [
      { instruction_id_list: ['a', 'b'], follow_instruction_list: [true, false], follow_all_instructions: false },
      { instruction_id_list: ['a'], follow_instruction_list: [true], follow_all_instructions: true },
    ];
    const loose = strict.map((v) => ({
      ...v,
      follow_instruction_list: v.follow_instruction_list.map(() => true),
      follow_all_instructions: true,
    }));
    const metrics = computeIfevalMetrics(strict, loose);
    expect(metrics.prompt_level_strict_acc).toEqual({ value: 0.5, followed: 1, total: 2 });
    expect(metrics.inst_level_strict_acc).toEqual({ value: 2 / 3, followed: 2, total: 3 });
    expect(metrics.prompt_level_loose_acc.value).toBe(1);
    expect(metrics.inst_level_loose_acc.value).toBe(1);
  });

  test('report null, not 0, when nothing was scored', () => {
    expect(computeIfevalMetrics([], []).prompt_level_strict_acc.value).toBeNull();
  });
});
