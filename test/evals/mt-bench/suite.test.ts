import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { MtBenchData } from '../../../src/evals/mt-bench/data.ts';
import {
  readMtBenchAnswers,
  readMtBenchJudgePrompts,
  readMtBenchQuestions,
  type MtBenchQuestion,
} from '../../../src/evals/mt-bench/reader.ts';
import { scriptMtBench } from '../../../src/evals/mt-bench/simulate.ts';
import { mtBenchEvals } from '../../../src/evals/mt-bench/suite.ts';
import type { ChatMessage, EvalClient } from '../../../src/runtime/client/chat.ts';
import type { DataLoader } from '../../../src/runtime/data.ts';
import type { Judge } from '../../../src/runtime/judge.ts';
import { createFakeClient, runCase, SAMPLING, type FakeClient } from '../../helpers/fake-client.ts';
import { readShared } from '../../helpers/shared.ts';

const questions = readMtBenchQuestions(readShared('mt_bench', 'question.jsonl'));
const data: MtBenchData = {
  questions,
  judgePrompts: readMtBenchJudgePrompts(readShared('mt_bench', 'judge_prompts.jsonl')),
  references: new Map(readMtBenchAnswers(readShared('mt_bench', 'reference_answer', 'gpt-4.jsonl')).map((a) => [a.questionId, a])),
};
// The shared copies as the eval's data source (the suite reads the same files through the verified cache).
const localSource = (keep: (loaded: MtBenchData) => void): DataLoader<MtBenchQuestion> => ({
  description: 'MT-Bench (shared copy)',
  load: async () => {
    keep(data);
    return { items: questions, pins: [] };
  },
});
const writing = questions.find((q) => q.category === 'writing')!;
const math = questions.find((q) => q.category === 'math')!;

const JUDGE_SAMPLING = { temperature: 0, topP: 1, seed: 1234, maxTokens: 2048 };
const isJudge = (messages: ChatMessage[]) => messages.some((m) => String(m.content).includes('[[rating]]'));

// One fake server answering both the model's turns and the judge.
function fakeServer(judgments: [string, string]): FakeClient {
  return createFakeClient({
    answer: (messages) => {
      if (isJudge(messages)) return messages.some((m) => String(m.content).includes('ANSWER-2')) ? judgments[1] : judgments[0];
      return messages.length === 1 ? 'ANSWER-1' : 'ANSWER-2';
    },
  });
}

const selfJudge: Judge = { info: { model: 'fake', baseUrl: 'http://upstream', source: 'self' }, client: null, sampling: JUDGE_SAMPLING };

async function run(question: MtBenchQuestion, client: EvalClient, judge: Judge = selfJudge) {
  const [definition] = mtBenchEvals(judge, localSource);
  return runCase(definition!, question, client, { caseId: question.id, load: true });
}

describe('MT-Bench case', () => {
  test('carries the turn-1 answer into the turn-2 messages', async () => {
    const client = fakeServer(['Rating: [[8]]', 'Rating: [[6]]']);
    await run(writing, client);
    const [first, second] = client.chats.filter((c) => !isJudge(c.messages));
    expect(first!.messages).toEqual([{ role: 'user', content: writing.turns[0] }]);
    expect(second!.messages).toEqual([
      { role: 'user', content: writing.turns[0] },
      { role: 'assistant', content: 'ANSWER-1' },
      { role: 'user', content: writing.turns[1] },
    ]);
  });

  test("answers at FastChat's category temperature and judges greedily with 2048 tokens", async () => {
    const client = fakeServer(['[[8]]', '[[6]]']);
    await run(writing, client);
    const temperatures = client.chats.map((c) => [isJudge(c.messages), c.sampling.temperature, c.sampling.maxTokens]);
    expect(temperatures).toEqual(
      expect.arrayContaining([
        [false, 0.7, SAMPLING.maxTokens],
        [true, 0, 2048],
      ]),
    );
  });

  test('judges turn 1 alone and turn 2 with the whole conversation', async () => {
    const client = fakeServer(['[[8]]', '[[6]]']);
    const outcome = await run(writing, client);
    const judged = client.chats.filter((c) => isJudge(c.messages)).map((c) => c.messages.map((m) => String(m.content)).join('\n'));
    expect(judged.find((t) => !t.includes('ANSWER-2'))).toContain('ANSWER-1');
    expect(judged.find((t) => t.includes('ANSWER-2'))).toContain('ANSWER-1');
    expect(outcome.detail?.judgePrompts).toEqual(['single-v1', 'single-v1-multi-turn']);
  });

  test('judges math against the GPT-4 reference answers', async () => {
    const client = fakeServer(['[[8]]', '[[6]]']);
    const outcome = await run(math, client);
    const reference = data.references.get(math.questionId)!;
    const judged = client.chats.filter((c) => isJudge(c.messages)).map((c) => c.messages.map((m) => String(m.content)).join('\n'));
    expect(judged.every((t) => t.includes(reference.turns[0]!))).toBe(true);
    expect(outcome.detail?.judgePrompts).toEqual(['single-math-v1', 'single-math-v1-multi-turn']);
  });

  test("parses the judge's [[n]] per turn and averages them", async () => {
    const outcome = await run(writing, fakeServer(['Fine, but [2] cites nothing.\n\nRating: [[8]]', 'Rating: [[6.5]]']));
    expect(outcome.scores).toEqual({ score: 7.25, turn1: 8, turn2: 6.5 });
    expect(outcome.verdict).toBe('graded');
    expect(outcome.detail).toMatchObject({ category: 'writing', ratings: [8, 6.5] });
    expect(outcome.response).toBe('[Turn 1]\nANSWER-1\n\n[Turn 2]\nANSWER-2');
  });

  test('counts a judgment without a rating as unparseable and keeps the other turn', async () => {
    const outcome = await run(writing, fakeServer(['Rating: [[9]]', 'The answer is missing, so it cannot be rated.']));
    expect(outcome.verdict).toBe('unparseable');
    expect(outcome.scores).toEqual({ score: 9, turn1: 9, turn2: null });
    expect(outcome.detail?.unparsedTurns).toEqual([2]);
  });

  test("counts the judge's requests and tokens with the case when the server judges itself", async () => {
    const outcome = await run(writing, fakeServer(['[[8]]', '[[6]]']));
    expect([outcome.timing.requests, outcome.usage]).toEqual([4, { promptTokens: 40, completionTokens: 20 }]);
  });

  test("keeps an external judge's usage out of the case's usage", async () => {
    const model = fakeServer(['', '']);
    const external = fakeServer(['[[3]]', '[[4]]']);
    const outcome = await run(writing, model, {
      info: { model: 'gpt-4', baseUrl: 'https://judge', source: 'external' },
      client: external,
      sampling: JUDGE_SAMPLING,
    });
    expect([outcome.timing.requests, outcome.usage, outcome.scores.score]).toEqual([2, { promptTokens: 20, completionTokens: 10 }, 3.5]);
    expect(external.chats).toHaveLength(2);
  });
});

// The simulator's own rule matcher (src/simulator/lib/script.mjs), loaded untyped.
async function loadScript(rules: unknown[]): Promise<{ chatResponse(messages: ChatMessage[]): { response?: string } | null }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mt-bench-script-'));
  const file = path.join(dir, 'script.json');
  writeFileSync(file, JSON.stringify(rules));
  const modulePath: string = path.resolve(import.meta.dirname, '../../../src/simulator/lib/script.mjs');
  const { Script } = (await import(modulePath)) as {
    Script: new (file: string) => { chatResponse(messages: ChatMessage[]): { response?: string } | null };
  };
  return new Script(file);
}

describe('MT-Bench simulation script', () => {
  test.each(['gold', 'wrong', 'mix:0.5'] as const)(
    'a server playing model and judge reproduces each scripted rating (%s)',
    async (mode) => {
      const script = scriptMtBench(questions, mode);
      const matcher = await loadScript(script.rules);
      const client = createFakeClient({ answer: (messages) => matcher.chatResponse(messages)?.response ?? 'unscripted' });
      const got: Record<string, { turn1: number | null; turn2: number | null; score: number | null }> = {};
      for (const question of questions) {
        const outcome = await run(question, client);
        got[question.id] = outcome.scores as (typeof got)[string];
      }
      expect(got).toEqual(script.cases?.['mt_bench/single']);
    },
  );

  test('gives gold answers the maximum, so a gold self-check scores 10', () => {
    expect(scriptMtBench(questions, 'gold').expected['mt_bench/single']).toEqual({ score: 10, turn1: 10, turn2: 10 });
  });

  test('rates wrong answers 1 and a mix 10 or 1 in the scripted share', () => {
    expect(scriptMtBench(questions, 'wrong').expected['mt_bench/single']).toEqual({ score: 1, turn1: 1, turn2: 1 });
    expect(scriptMtBench(questions, 'mix:0.25').expected['mt_bench/single']!.score).toBe(1 + 9 * 0.25);
  });
});
