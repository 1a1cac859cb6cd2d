import { z } from 'zod';
import { parseJsonLines } from '../../shared/datasets/json-lines.ts';

// Readers for FastChat's MT-Bench files: questions, reference/model answers, judge prompts and judgments.

const QuestionSchema = z.looseObject({
  question_id: z.number().int(),
  category: z.string().min(1),
  turns: z.array(z.string()).length(2),
  reference: z.array(z.string()).optional(),
});

/** One MT-Bench question (`question.jsonl`): two user turns. */
export interface MtBenchQuestion {
  /** The dataset's `question_id` (81-160), as a string. */
  id: string;
  questionId: number;
  category: string;
  turns: [string, string];
  /** Inline reference from question.jsonl (39 items); FastChat's judge uses the reference answer file instead. */
  inlineReference?: string[];
}

/** Read `question.jsonl` content. */
export function readMtBenchQuestions(content: string, source = 'mt_bench/question.jsonl'): MtBenchQuestion[] {
  return parseJsonLines(content, QuestionSchema, source).map((q) => ({
    id: String(q.question_id),
    questionId: q.question_id,
    category: q.category,
    turns: [q.turns[0] ?? '', q.turns[1] ?? ''],
    ...(q.reference ? { inlineReference: q.reference } : {}),
  }));
}

const AnswerSchema = z.looseObject({
  question_id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  model_id: z.string(),
  choices: z.array(z.looseObject({ turns: z.array(z.string()).min(1) })).min(1),
});

/** One model's (or the reference's) answers to a question: FastChat uses `choices[0].turns`. */
export interface MtBenchAnswer {
  questionId: number;
  modelId: string;
  turns: string[];
}

/** Read a FastChat answer file (`reference_answer/gpt-4.jsonl` or `model_answer/<model>.jsonl`). */
export function readMtBenchAnswers(content: string, source = 'mt_bench answers'): MtBenchAnswer[] {
  return parseJsonLines(content, AnswerSchema, source).map((a) => ({
    questionId: a.question_id,
    modelId: a.model_id,
    turns: a.choices[0]?.turns ?? [],
  }));
}

const JudgePromptSchema = z.looseObject({
  name: z.string().min(1),
  type: z.string(),
  system_prompt: z.string(),
  prompt_template: z.string(),
  output_format: z.string(),
});

/** One judge prompt of `judge_prompts.jsonl`. */
export type MtBenchJudgePrompt = z.output<typeof JudgePromptSchema>;

/** Read `judge_prompts.jsonl` content into a map by prompt name (`single-v1`, `single-math-v1-multi-turn`, ...). */
export function readMtBenchJudgePrompts(content: string, source = 'mt_bench/judge_prompts.jsonl'): Map<string, MtBenchJudgePrompt> {
  return new Map(parseJsonLines(content, JudgePromptSchema, source).map((p) => [p.name, p]));
}

const JudgmentSchema = z.looseObject({
  question_id: z.number().int(),
  model: z.string(),
  judge: z.tuple([z.string(), z.string()]),
  user_prompt: z.string(),
  judgment: z.string(),
  score: z.number(),
  turn: z.union([z.literal(1), z.literal(2)]),
});

/** One FastChat single-answer judgment (`model_judgment/<judge>_single.jsonl`); `score` -1 = not parsed. */
export interface MtBenchJudgment {
  questionId: number;
  model: string;
  judgeModel: string;
  promptName: string;
  userPrompt: string;
  judgment: string;
  score: number;
  turn: 1 | 2;
}

/** Read a FastChat single-answer judgment file. */
export function readMtBenchJudgments(content: string, source = 'mt_bench judgments'): MtBenchJudgment[] {
  return parseJsonLines(content, JudgmentSchema, source).map((j) => ({
    questionId: j.question_id,
    model: j.model,
    judgeModel: j.judge[0],
    promptName: j.judge[1],
    userPrompt: j.user_prompt,
    judgment: j.judgment,
    score: j.score,
    turn: j.turn,
  }));
}
