import { DatasetError } from '../../shared/errors.ts';
import type { MtBenchAnswer, MtBenchJudgePrompt, MtBenchQuestion } from './reader.ts';
import type { ChatMessage } from '../../shared/chat-message.ts';
import { formatPythonTemplate } from './python-format.ts';

// MT-Bench prompts: the model's two turns, and FastChat's single-answer grading messages for the judge.

/** Categories FastChat judges against a reference answer (`NEED_REF_CATS`). */
export const MT_BENCH_REFERENCE_CATEGORIES: readonly string[] = ['math', 'reasoning', 'coding'];

/** FastChat's answer-generation temperature per category (`temperature_config`); others use 0.7. */
export const MT_BENCH_TEMPERATURES: Readonly<Record<string, number>> = {
  writing: 0.7,
  roleplay: 0.7,
  extraction: 0.0,
  math: 0.0,
  coding: 0.0,
  reasoning: 0.0,
  stem: 0.1,
  humanities: 0.1,
};

/** FastChat's default answer temperature for categories missing from its `temperature_config`. */
const DEFAULT_TEMPERATURE = 0.7;

/** FastChat samples answers at a per-category temperature (`temperature_config`), not greedily; we do the same. */
export function mtBenchTemperature(category: string): number {
  return MT_BENCH_TEMPERATURES[category] ?? DEFAULT_TEMPERATURE;
}

/**
 * Messages that ask the model for its answer to `turn`: turn 2 replays turn 1 with the model's own answer.
 * @param systemPrompt Sent first when given (record it: Qwen's template injects its own default otherwise).
 */
export function buildMtBenchAnswerMessages(
  question: Pick<MtBenchQuestion, 'turns'>,
  turn: 1 | 2,
  previousAnswers: readonly string[] = [],
  systemPrompt?: string,
): ChatMessage[] {
  const messages: ChatMessage[] = systemPrompt === undefined ? [] : [{ role: 'system', content: systemPrompt }];
  messages.push({ role: 'user', content: question.turns[0] });
  if (turn === 2) {
    const first = previousAnswers[0];
    if (first === undefined) throw new RangeError("Turn 2 needs the model's turn-1 answer in `previousAnswers[0]`.");
    messages.push({ role: 'assistant', content: first }, { role: 'user', content: question.turns[1] });
  }
  return messages;
}

/** Name of the judge prompt FastChat uses for a category and turn. */
export function selectJudgePromptName(category: string, turn: 1 | 2): string {
  const math = MT_BENCH_REFERENCE_CATEGORIES.includes(category);
  return `${math ? 'single-math-v1' : 'single-v1'}${turn === 2 ? '-multi-turn' : ''}`;
}

/** Input of `buildMtBenchJudgeMessages`. */
export interface MtBenchJudgeInput {
  question: Pick<MtBenchQuestion, 'id' | 'category' | 'turns'>;
  /** The model's answers, turn 1 first (both needed for turn 2). */
  answers: readonly string[];
  turn: 1 | 2;
  /** Judge prompts read from judge_prompts.jsonl. */
  prompts: ReadonlyMap<string, MtBenchJudgePrompt>;
  /** Reference answer (reference_answer/gpt-4.jsonl); required for math, reasoning and coding. */
  reference?: Pick<MtBenchAnswer, 'turns'>;
}

/**
 * FastChat's single-answer grading messages (`run_judge_single`): the prompt's system message, then its template
 * filled with the question(s), answer(s) and, for reference categories, `ref_answer_1`/`ref_answer_2`.
 */
export function buildMtBenchJudgeMessages(input: MtBenchJudgeInput): { promptName: string; messages: ChatMessage[] } {
  const { question, answers, turn } = input;
  const promptName = selectJudgePromptName(question.category, turn);
  const prompt = input.prompts.get(promptName);
  if (!prompt) {
    throw new DatasetError(
      'EVAL_DATASET_UNAVAILABLE',
      `Judge prompt \`${promptName}\` is missing; read judge_prompts.jsonl from FastChat.`,
    );
  }
  const values: Record<string, string> = {};
  if (MT_BENCH_REFERENCE_CATEGORIES.includes(question.category)) {
    const [ref1, ref2] = input.reference?.turns ?? [];
    if (ref1 === undefined || ref2 === undefined) {
      throw new DatasetError(
        'EVAL_DATASET_UNAVAILABLE',
        `MT-Bench question ${question.id} (${question.category}) needs a two-turn reference answer; pass \`reference\` from reference_answer/gpt-4.jsonl.`,
      );
    }
    Object.assign(values, { ref_answer_1: ref1, ref_answer_2: ref2 });
  }
  const [answer1, answer2] = answers;
  if (answer1 === undefined || (turn === 2 && answer2 === undefined)) {
    throw new RangeError(`Judging turn ${turn} of question ${question.id} needs ${turn} answer(s); got ${answers.length}.`);
  }
  if (turn === 1) Object.assign(values, { question: question.turns[0], answer: answer1 });
  else Object.assign(values, { question_1: question.turns[0], question_2: question.turns[1], answer_1: answer1, answer_2: answer2 });
  const user = formatPythonTemplate(prompt.prompt_template, values);
  return {
    promptName,
    messages: [
      { role: 'system', content: prompt.system_prompt },
      { role: 'user', content: user },
    ],
  };
}
