import { describe, expect, test } from 'vitest';
import { detectLanguage, readIfevalInput, scoreResponse } from '../../../src/evals/ifeval/index.ts';
import { scriptIfeval } from '../../../src/evals/ifeval/simulate.ts';
import { buildGoldAnswer } from '../../../src/evals/ifeval/simulated/gold-response.ts';
import { LANGUAGE_SENTENCES } from '../../../src/evals/ifeval/simulated/language-sentences.ts';
import { buildWrongAnswer, EMPTY_ANSWER } from '../../../src/evals/ifeval/simulated/wrong-response.ts';
import { readShared } from '../../helpers/shared.ts';

// The simulated answers behind EVAL_SIMULATE: built for every prompt and checked with the real checkers.
const prompts = readIfevalInput(readShared('ifeval', 'input_data.jsonl'));

// The request to repeat word for word itself breaks another instruction of the prompt (a comma under no_comma, a
// forbidden word, the keyword that must stay rare): only the loose score, which may drop the first line, can pass.
const REPEAT_CONFLICTS = [374, 1627, 3369, 3371, 3718];
// Two instructions bound one count from both sides (at least 5 and less than 11 capital words; existence of a word
// and fewer than 2 of it): no text breaks both, so the wrong answer is empty.
const TWO_SIDED = [19, 1040, 1314, 1379, 1418, 1837, 2069, 3089, 3188, 3276, 3327, 3407, 3414, 3415, 3534, 3672];

describe('simulated IFEval answers', () => {
  test('gold answers follow every instruction strictly, except where the repeated request breaks one', () => {
    const failing: number[] = [];
    let followed = 0;
    for (const prompt of prompts) {
      const answer = buildGoldAnswer(prompt);
      const { strict, loose } = answer.score;
      followed += strict.follow_instruction_list.filter(Boolean).length;
      expect(answer.followsAll, `${prompt.key}`).toBe(strict.follow_all_instructions);
      expect(loose.follow_all_instructions, `${prompt.key} loose`).toBe(true);
      if (!strict.follow_all_instructions) failing.push(prompt.key);
    }
    expect(failing.sort((a, b) => a - b)).toEqual(REPEAT_CONFLICTS);
    // One broken instruction each: 829 of the 834 followed strictly.
    expect(followed).toBe(834 - REPEAT_CONFLICTS.length);
  });

  test('wrong answers break every instruction, strict and loose; only two-sided counts get the empty answer', () => {
    const empty: number[] = [];
    for (const prompt of prompts) {
      const answer = buildWrongAnswer(prompt);
      const { strict, loose } = scoreResponse(prompt, answer);
      expect([...strict.follow_instruction_list, ...loose.follow_instruction_list], `${prompt.key}`).not.toContain(true);
      if (answer === EMPTY_ANSWER) empty.push(prompt.key);
    }
    expect(empty.sort((a, b) => a - b)).toEqual(TWO_SIDED);
  });

  test.each(Object.entries(LANGUAGE_SENTENCES))('the %s sentences are detected as that language', (language, sentences) => {
    expect(detectLanguage(sentences.join(' '))).toBe(language);
  });

  test('the script answers each prompt by its text and expects the share the checkers give its answers', () => {
    const some = prompts.slice(0, 8);
    const script = scriptIfeval(some, 'mix:0.5');
    expect(script.rules.map((r) => r.match.equals)).toEqual(some.map((p) => p.prompt));
    expect(script.expected['ifeval/chat']!.prompt_level_strict_acc).toBe(0.5);
    expect(scriptIfeval(some, 'gold').expected['ifeval/chat']).toEqual({
      prompt_level_strict_acc: 1,
      inst_level_strict_acc: 1,
      prompt_level_loose_acc: 1,
      inst_level_loose_acc: 1,
    });
  });
});
