import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { aggregateMtBenchRatings, type MtBenchRating } from '../../../src/evals/mt-bench/aggregate.ts';
import { buildMtBenchAnswerMessages, buildMtBenchJudgeMessages, selectJudgePromptName } from '../../../src/evals/mt-bench/prompt.ts';
import { buildMtBenchGoldJudgment, buildMtBenchUnparseableJudgment } from '../../../src/evals/mt-bench/simulate-answers.ts';
import { extractJudgeRating } from '../../../src/scorers/judge/extract-rating.ts';
import { MT_BENCH_METRICS, MT_BENCH_PRIMARY_METRIC } from '../../../src/evals/mt-bench/metrics.ts';
import { scoreMtBenchJudgments } from '../../../src/evals/mt-bench/score.ts';
import {
  readMtBenchAnswers,
  readMtBenchJudgePrompts,
  readMtBenchJudgments,
  readMtBenchQuestions,
} from '../../../src/evals/mt-bench/reader.ts';
import { DatasetError } from '../../../src/shared/errors.ts';
import { readShared, sharedDir } from '../../helpers/shared.ts';

const questions = readMtBenchQuestions(readShared('mt_bench', 'question.jsonl'));
const references = readMtBenchAnswers(readShared('mt_bench', 'reference_answer', 'gpt-4.jsonl'));
const prompts = readMtBenchJudgePrompts(readShared('mt_bench', 'judge_prompts.jsonl'));
const outputsDir = path.join(sharedDir, 'datasets', 'mt_bench', 'model-outputs');
const judgmentFiles = readdirSync(outputsDir).map((d) => path.join(d, 'model_judgment', 'gpt-4_single.jsonl'));
const judgments = judgmentFiles.flatMap((f) => readMtBenchJudgments(readShared('mt_bench', 'model-outputs', f)));
const answersByModel = new Map(
  readdirSync(outputsDir).flatMap((d) =>
    readdirSync(path.join(outputsDir, d, 'model_answer')).map((f) => [
      f.replace(/\.jsonl$/, ''),
      readMtBenchAnswers(readShared('mt_bench', 'model-outputs', d, 'model_answer', f)),
    ]),
  ),
);

describe('MT-Bench readers', () => {
  test('reads 80 questions with ids 81-160 and two turns each', () => {
    expect([questions.length, questions[0]?.id, questions.at(-1)?.id, questions.every((q) => q.turns.length === 2)]).toEqual([
      80,
      '81',
      '160',
      true,
    ]);
  });

  test('reads 10 questions per category over 8 categories', () => {
    const categories = [...new Set(questions.map((q) => q.category))];
    expect(categories.map((c) => questions.filter((q) => q.category === c).length)).toEqual(Array(8).fill(10));
  });

  test('reads 30 two-turn reference answers', () => {
    expect([references.length, references.every((r) => r.turns.length === 2)]).toEqual([30, true]);
  });

  test('reads the eight judge prompts by name', () => {
    expect([...prompts.keys()].filter((n) => n.startsWith('single')).sort()).toEqual([
      'single-math-v1',
      'single-math-v1-multi-turn',
      'single-v1',
      'single-v1-multi-turn',
    ]);
  });
});

describe('MT-Bench answer prompts', () => {
  test('turn 2 replays turn 1 with the model answer', () => {
    expect(buildMtBenchAnswerMessages(questions[0]!, 2, ['first answer']).map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  test('turn 2 without a turn-1 answer throws', () => {
    expect(() => buildMtBenchAnswerMessages(questions[0]!, 2)).toThrow(/turn-1 answer/);
  });
});

describe('MT-Bench judge messages (FastChat single-answer grading)', () => {
  test('uses the math prompts for math, reasoning and coding only', () => {
    expect(['writing', 'math', 'reasoning', 'coding', 'stem'].map((c) => selectJudgePromptName(c, 1))).toEqual([
      'single-v1',
      'single-math-v1',
      'single-math-v1',
      'single-math-v1',
      'single-v1',
    ]);
  });

  test('sends the prompt system message and the filled template', () => {
    const { messages } = buildMtBenchJudgeMessages({ question: questions[0]!, answers: ['An answer with {braces}.'], turn: 1, prompts });
    expect(messages[0]).toEqual({ role: 'system', content: 'You are a helpful assistant.' });
    expect(
      messages[1]?.content?.endsWith(
        `[Question]\n${questions[0]!.turns[0]}\n\n[The Start of Assistant's Answer]\nAn answer with {braces}.\n[The End of Assistant's Answer]`,
      ),
    ).toBe(true);
  });

  test('requires a reference answer for math questions', () => {
    const math = questions.find((q) => q.category === 'math')!;
    expect(() => buildMtBenchJudgeMessages({ question: math, answers: ['x'], turn: 1, prompts })).toThrow(DatasetError);
  });

  // FastChat stored the exact user prompt it sent; rebuilding it from the answer files checks template and fields.
  const rebuilds = (j: (typeof judgments)[number]) => {
    const question = questions.find((q) => q.questionId === j.questionId)!;
    const answers = answersByModel.get(j.model)?.find((a) => a.questionId === j.questionId)?.turns ?? [];
    const reference = references.find((r) => r.questionId === j.questionId);
    const built = buildMtBenchJudgeMessages({ question, answers, turn: j.turn, prompts, ...(reference ? { reference } : {}) });
    return built.promptName === j.promptName && built.messages[1]?.content === j.userPrompt;
  };

  test('reproduces the user_prompt of every judgment of a model judged once, byte for byte', () => {
    const once = judgments.filter((j) => j.model !== 'mistral-orpo');
    expect([once.length, once.filter((j) => !rebuilds(j)).length]).toEqual([480, 0]);
  });

  // mistral-orpo was judged twice (manifest); one session saw an older answer file (turns began "assistant\n\n"),
  // so exactly one of the two judgments of each (question, turn) rebuilds from the committed answers.
  test('reproduces exactly one of the two judgments of each (question, turn) of mistral-orpo', () => {
    const twice = judgments.filter((j) => j.model === 'mistral-orpo');
    const keys = new Set(twice.map((j) => `${j.questionId}/${j.turn}`));
    const rebuilt = twice.filter(rebuilds).map((j) => `${j.questionId}/${j.turn}`);
    expect([twice.length, keys.size, rebuilt.length, new Set(rebuilt).size]).toEqual([320, 160, 160, 160]);
  });
});

describe('extractJudgeRating', () => {
  test.each([
    ['Rating: [[8]]', 8],
    ['Rating: [[8.5]]', 8.5],
    ['Rating: [[10]]', 10],
    ['Rating: [7]', 7],
    ['First [[6]], then [[9]]', 6],
    ['See [1]. Rating: [[4]]', 4],
  ])('%j -> %d', (text, expected) => {
    expect(extractJudgeRating(text)).toBe(expected);
  });

  test.each(['Rating: 8/10', 'Rating: [[rating]]', 'no rating at all', 'Rating: [[-3]]'])('%j is unparseable', (text) => {
    expect(extractJudgeRating(text)).toBeNull();
  });
});

describe('MT-Bench rating extraction agrees with FastChat on real GPT-4 judgments', () => {
  test('every rating FastChat parsed (score != -1) parses to the same value', () => {
    const parsed = judgments.filter((j) => j.score !== -1);
    const differing = parsed.filter((j) => extractJudgeRating(j.judgment) !== j.score);
    expect([parsed.length, differing.length]).toEqual([799, 0]);
  });

  test('every -1 is unparseable for us too', () => {
    const failed = judgments.filter((j) => j.score === -1);
    expect([failed.length, failed.every((j) => extractJudgeRating(j.judgment) === null)]).toEqual([1, true]);
  });

  test('the per-model means match the manifest (mistral-orpo-trl 7.166, -capybara 6.819, -mix 6.003)', () => {
    const mean = (model: string) => {
      const ratings = judgments.filter((j) => j.model === model).map((j) => extractJudgeRating(j.judgment));
      return aggregateMtBenchRatings(ratings.map((rating, i) => ({ questionId: i, category: 'x', turn: 1, rating }))).overall.mean;
    };
    expect([mean('mistral-orpo-trl'), mean('mistral-orpo-capybara'), mean('mistral-orpo-mix')].map((m) => m?.toFixed(3))).toEqual([
      '7.166',
      '6.819',
      '6.003',
    ]);
  });
});

describe('scoreMtBenchJudgments', () => {
  const writing = { category: 'writing' };

  test('scores the mean of both turn ratings', () => {
    expect(scoreMtBenchJudgments(writing, ['Rating: [[8]]', 'Rating: [[5]]'])).toEqual({
      extracted: { score: '6.5', turn1: '8', turn2: '5' },
      scores: { score: 6.5, turn1: 8, turn2: 5 },
      verdict: 'graded',
      detail: { category: 'writing', unparsedTurns: [] },
    });
  });

  test('marks a case unparseable when a turn has no rating and averages the rest', () => {
    const s = scoreMtBenchJudgments(writing, ['Rating: [[8]]', 'no rating']);
    expect([s.verdict, s.scores.score, s.scores.turn2, s.detail.unparsedTurns]).toEqual(['unparseable', 8, null, [2]]);
  });

  test('names score as primary with the 1-10 range', () => {
    expect([MT_BENCH_PRIMARY_METRIC, MT_BENCH_METRICS.map((m) => [m.name, m.range])]).toEqual([
      'score',
      [
        ['score', [1, 10]],
        ['turn1', [1, 10]],
        ['turn2', [1, 10]],
      ],
    ]);
  });
});

describe('aggregateMtBenchRatings', () => {
  const ratings: MtBenchRating[] = [
    { questionId: 81, category: 'writing', turn: 1, rating: 8 },
    { questionId: 81, category: 'writing', turn: 2, rating: 6 },
    { questionId: 111, category: 'math', turn: 1, rating: 3 },
    { questionId: 111, category: 'math', turn: 2, rating: null },
  ];

  test('averages every parsed rating overall, dropping but counting unparseable ones', () => {
    expect(aggregateMtBenchRatings(ratings).overall).toEqual({ mean: 17 / 3, n: 3, unparseable: 1 });
  });

  test('averages per turn', () => {
    expect(aggregateMtBenchRatings(ratings).byTurn).toEqual({
      '1': { mean: 5.5, n: 2, unparseable: 0 },
      '2': { mean: 6, n: 1, unparseable: 1 },
    });
  });

  test('averages per category', () => {
    expect(aggregateMtBenchRatings(ratings).byCategory.writing).toEqual({ mean: 7, n: 2, unparseable: 0 });
  });
});

describe('MT-Bench self-check judgments', () => {
  test.each([1, 2, 7, 8.5, 10])('a gold judgment for %d extracts to it', (rating) => {
    expect(extractJudgeRating(buildMtBenchGoldJudgment(rating, rating))).toBe(rating);
  });

  test('the unparseable judgment extracts to null', () => {
    expect(extractJudgeRating(buildMtBenchUnparseableJudgment())).toBeNull();
  });

  test('an extractor trying [n] before [[n]] fails the self-check', () => {
    const backupFirst = (text: string) => Number(/\[(\d+\.?\d*)\]/.exec(text)?.[1]);
    expect([1, 2, 7, 10].filter((r) => backupFirst(buildMtBenchGoldJudgment(r)) === r)).toEqual([]);
  });
});
