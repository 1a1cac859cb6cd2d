import { renderTranscript } from '../prompts/chat-message.ts';
import {
  buildMtBenchAnswerMessages,
  buildMtBenchGoldJudgment,
  buildMtBenchJudgeMessages,
  MT_BENCH_METRICS,
  MT_BENCH_PRIMARY_METRIC,
  MT_BENCH_TEMPERATURES,
  readMtBenchAnswers,
  readMtBenchJudgePrompts,
  readMtBenchQuestions,
  scoreMtBenchJudgments,
  type MtBenchAnswer,
  type MtBenchJudgePrompt,
  type MtBenchQuestion,
} from '../scoring/mt-bench/index.ts';
import type { DatasetPin } from '../records/run-record.ts';
import { pickCorrect, type SimRule, type SimulationMode } from '../simulate/script.ts';
import type { CaseContext, CaseOutcome } from '../suite/define-eval-suite.ts';
import type { Judge } from './judge.ts';
import { applyLimit, hashPrompt, readPinned, type DatasetSource } from './read-pinned.ts';
import { meanOf } from './simulate-choices.ts';

// MT-Bench (80 questions x 2 turns), FastChat's single-answer grading: the model answers turn by turn, the judge
// rates each turn 1-10 (reference-guided for math, reasoning and coding).

export const MT_BENCH_LABEL = 'MT-Bench (2 turns, single-answer grading by an LLM judge)';
/** Single-answer grading (FastChat's recommended mode); the dataset key is `mt_bench/single`. */
export const MT_BENCH_VARIANT = 'single';

export const mtBenchSuiteFacts = {
  dataset: 'mt_bench',
  variant: MT_BENCH_VARIANT,
  label: MT_BENCH_LABEL,
  primaryMetric: MT_BENCH_PRIMARY_METRIC,
  metricSpecs: MT_BENCH_METRICS,
} as const;

/** FastChat's default answer temperature for categories missing from its `temperature_config`. */
const DEFAULT_TEMPERATURE = 0.7;

export interface MtBenchData {
  cases: MtBenchQuestion[];
  size: number;
  pins: DatasetPin[];
  judgePrompts: Map<string, MtBenchJudgePrompt>;
  /** GPT-4 reference answers by question id (math, reasoning, coding). */
  references: Map<number, MtBenchAnswer>;
}

// Load the questions (limited), FastChat's judge prompts and the GPT-4 reference answers.
export async function loadMtBench(source: DatasetSource, limit: number | null): Promise<MtBenchData> {
  const [questions, references, prompts] = await Promise.all([
    readPinned('mt_bench/question', source),
    readPinned('mt_bench/reference_gpt4', source),
    readPinned('mt_bench/judge_prompts', source),
  ]);
  const all = readMtBenchQuestions(questions.text);
  return {
    cases: applyLimit(all, limit),
    size: all.length,
    pins: [questions.pin, references.pin, prompts.pin],
    judgePrompts: readMtBenchJudgePrompts(prompts.text),
    references: new Map(readMtBenchAnswers(references.text, 'mt_bench/reference_answer/gpt-4.jsonl').map((a) => [a.questionId, a])),
  };
}

// Hash the answer messages, the judge prompts and the temperatures.
export function mtBenchPromptHash(data: Pick<MtBenchData, 'judgePrompts'>): string {
  const template = { turns: ['{turn_1}', '{turn_2}'] as [string, string] };
  return hashPrompt({
    answer: buildMtBenchAnswerMessages(template, 2, ['{answer_1}']),
    judge: [...data.judgePrompts.values()].sort((a, b) => a.name.localeCompare(b.name)),
    temperatures: MT_BENCH_TEMPERATURES,
  });
}

/** FastChat samples answers at a per-category temperature (`temperature_config`), not greedily; we do the same. */
export function mtBenchTemperature(category: string): number {
  return MT_BENCH_TEMPERATURES[category] ?? DEFAULT_TEMPERATURE;
}

// Answer turn 1, then turn 2 with turn 1 carried over; judge both turns concurrently.
export async function runMtBenchCase(item: MtBenchQuestion, data: MtBenchData, judge: Judge, context: CaseContext): Promise<CaseOutcome> {
  const started = performance.now();
  // No system message: the chat template's own default applies, as with FastChat's model templates.
  const sampling = { ...context.sampling, temperature: mtBenchTemperature(item.category) };
  const first = await context.client.chat(buildMtBenchAnswerMessages(item, 1), sampling, context.signal);
  const secondMessages = buildMtBenchAnswerMessages(item, 2, [first.text]);
  const second = await context.client.chat(secondMessages, sampling, context.signal);
  const answers = [first.text, second.text];
  const reference = data.references.get(item.questionId);
  const requests = ([1, 2] as const).map((turn) =>
    buildMtBenchJudgeMessages({ question: item, answers, turn, prompts: data.judgePrompts, ...(reference ? { reference } : {}) }),
  );
  const judgments = await Promise.all(requests.map((r) => judge.client.chat(r.messages, judge.sampling, context.signal)));
  const score = scoreMtBenchJudgments(item, [judgments[0]!.text, judgments[1]!.text]);
  // TODO(integrator): usage is null when the server sent none (tokens unknown); counted as 0 here.
  const judgeUsage = {
    promptTokens: judgments.reduce((n, j) => n + (j.usage?.promptTokens ?? 0), 0),
    completionTokens: judgments.reduce((n, j) => n + (j.usage?.completionTokens ?? 0), 0),
  };
  // An external judge's tokens are not the evaluated server's: kept in the detail only.
  const counted = judge.sameServer ? [first, second, ...judgments] : [first, second];
  return {
    prompt: renderTranscript(secondMessages),
    response: `[Turn 1]\n${first.text}\n\n[Turn 2]\n${second.text}`,
    expected: reference ? reference.turns.join('\n\n') : '',
    extracted: score.extracted,
    scores: score.scores,
    verdict: score.verdict,
    usage: {
      promptTokens: counted.reduce((n, r) => n + (r.usage?.promptTokens ?? 0), 0),
      completionTokens: counted.reduce((n, r) => n + (r.usage?.completionTokens ?? 0), 0),
    },
    timing: { requests: counted.length, ttftMs: first.ttftMs, latencyMs: performance.now() - started },
    detail: {
      category: item.category,
      temperature: sampling.temperature,
      answers,
      finishReasons: [first.finishReason, second.finishReason],
      judgePrompts: requests.map((r) => r.promptName),
      judgments: judgments.map((j) => j.text),
      ratings: [score.scores.turn1, score.scores.turn2],
      unparsedTurns: score.detail.unparsedTurns,
      judge: { model: judge.model, baseUrl: judge.baseUrl },
      judgeUsage,
    },
  };
}

/** Per-turn ratings the simulated judge gives a question. */
export type MtBenchScriptedRatings = { turn1: number; turn2: number; score: number };

/** A fixed, unique answer of the simulated model to a question's turn. */
export function simulatedMtBenchAnswer(item: Pick<MtBenchQuestion, 'questionId' | 'category'>, turn: 1 | 2): string {
  return `Simulated MT-Bench answer to question ${item.questionId}, turn ${turn} (${item.category}).`;
}

// gold: varied ratings 1-10 fixed by question id (the judge's text must be read per turn); wrong: 1; mix: 10 or 1.
export function scriptedMtBenchRatings(questionId: number, mode: SimulationMode, correct: boolean): [number, number] {
  if (mode === 'gold') return [1 + ((questionId * 3) % 10), 1 + ((questionId * 7 + 4) % 10)];
  return correct ? [10, 10] : [1, 1];
}

/** Rules for the answers and the judge, the expected metric means, and each question's expected ratings. */
export function simulateMtBench(
  data: MtBenchData,
  mode: SimulationMode,
): { rules: SimRule[]; expected: Record<string, number>; cases: Record<string, MtBenchScriptedRatings> } {
  const correct = pickCorrect(mode, data.cases.length);
  const judgeRules: SimRule[] = [];
  const answerRules: SimRule[] = [];
  const cases: Record<string, MtBenchScriptedRatings> = {};
  data.cases.forEach((item, i) => {
    const ratings = scriptedMtBenchRatings(item.questionId, mode, correct[i]!);
    const judgments = ratings.map((r, t) => buildMtBenchGoldJudgment(r, item.questionId + t)) as [string, string];
    const [answer1, answer2] = [simulatedMtBenchAnswer(item, 1), simulatedMtBenchAnswer(item, 2)];
    answerRules.push(
      { match: { equals: item.turns[0], endpoint: 'chat' }, response: answer1 },
      { match: { equals: item.turns[1], endpoint: 'chat' }, response: answer2 },
    );
    // Every judge prompt asks for "[[rating]]"; turn 2's also carries answer 1, so its rule comes first.
    judgeRules.push(
      { match: { anyMessage: answer2, contains: '[[rating]]', endpoint: 'chat' }, response: judgments[1] },
      { match: { anyMessage: answer1, contains: '[[rating]]', endpoint: 'chat' }, response: judgments[0] },
    );
    const score = scoreMtBenchJudgments(item, judgments);
    cases[item.id] = { turn1: score.scores.turn1!, turn2: score.scores.turn2!, score: score.scores.score! };
  });
  const all = Object.values(cases);
  return {
    rules: [...judgeRules, ...answerRules],
    expected: {
      score: meanOf(all.map((c) => c.score)),
      turn1: meanOf(all.map((c) => c.turn1)),
      turn2: meanOf(all.map((c) => c.turn2)),
    },
    cases,
  };
}
