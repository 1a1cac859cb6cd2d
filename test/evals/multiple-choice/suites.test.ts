import { describe, expect, test } from 'vitest';
import type { ArcCase } from '../../../src/evals/arc-challenge/reader.ts';
import type { HellaswagCase } from '../../../src/evals/hellaswag/reader.ts';
import { arcChallengeEvals } from '../../../src/evals/arc-challenge/suite.ts';
import { hellaswagEvals } from '../../../src/evals/hellaswag/suite.ts';
import type { AnyEvalDefinition } from '../../../src/runtime/define-eval.ts';
import type { EvalClient } from '../../../src/runtime/client/chat.ts';
import { createFakeClient, runCase } from '../../helpers/fake-client.ts';

const variantOf = (evals: AnyEvalDefinition[], variant: string) => evals.find((e) => e.variant === variant)!;
const runArcCase = (variant: string, item: ArcCase, client: EvalClient) =>
  runCase(variantOf(arcChallengeEvals({ variants: {} }), variant), item, client);
const runHellaswagCase = (variant: string, item: HellaswagCase, client: EvalClient) =>
  runCase(variantOf(hellaswagEvals({ variants: {} }), variant), item, client);

const CONTEXT = 'Question: Which is longer?\nAnswer:';
const arc: ArcCase = {
  id: 'Mercury_1',
  question: 'Which is longer?',
  choices: [
    { label: 'A', text: 'ab' },
    { label: 'B', text: 'a much longer answer' },
    { label: 'C', text: 'xyz' },
  ],
  answerKey: 'B',
};

// Sums per choice text: A wins on the raw sum, B per character.
const SUMS: Record<string, number> = { ab: -2, 'a much longer answer': -4, xyz: -9 };
const logprobOf = (prompt: string) => ({ contextLength: CONTEXT.length, sum: SUMS[prompt.slice(CONTEXT.length + 1)]! });

describe('log-likelihood case', () => {
  test('sends one echo request per choice with the continuation appended and nothing generated', async () => {
    const client = createFakeClient({ logprobOf });
    await runArcCase('loglikelihood', arc, client);
    expect(client.completes.map((c) => c.prompt)).toEqual([`${CONTEXT} ab`, `${CONTEXT} a much longer answer`, `${CONTEXT} xyz`]);
    expect(client.completes[0]!.options).toMatchObject({ maxTokens: 0, echo: true, logprobs: 1, seed: 1234 });
  });

  test('sends the choices of a case concurrently', async () => {
    const client = createFakeClient({ logprobOf });
    await runArcCase('loglikelihood', arc, client);
    expect(client.maxConcurrent).toBe(3);
  });

  test('picks the raw-sum argmax for acc and the per-character argmax for acc_norm', async () => {
    const outcome = await runArcCase('loglikelihood', arc, createFakeClient({ logprobOf }));
    expect(outcome.extracted).toEqual({ acc: 'A', acc_norm: 'B' });
    expect(outcome.scores).toEqual({ acc: 0, acc_norm: 1 });
    expect(outcome.verdict).toBe('correct');
    expect(outcome.detail?.logprobSums).toEqual([-2, -4, -9]);
  });

  test('is wrong by acc_norm when another choice wins per character', async () => {
    const sums: Record<string, number> = { ab: -0.1, 'a much longer answer': -4, xyz: -9 };
    const client = createFakeClient({ logprobOf: (p) => ({ contextLength: CONTEXT.length, sum: sums[p.slice(CONTEXT.length + 1)]! }) });
    const outcome = await runArcCase('loglikelihood', arc, client);
    expect([outcome.scores, outcome.verdict]).toEqual([{ acc: 0, acc_norm: 0 }, 'wrong']);
  });

  test('sums usage over every request, counts them and has no TTFT', async () => {
    const outcome = await runArcCase('loglikelihood', arc, createFakeClient({ logprobOf }));
    expect(outcome.usage).toEqual({ promptTokens: 21, completionTokens: 0 });
    expect([outcome.timing.requests, outcome.timing.ttftMs]).toEqual([3, null]);
  });

  test('scores HellaSwag endings by index, the query as context', async () => {
    const item: HellaswagCase = {
      id: '0',
      storedContext: 'x',
      query: 'A man walks.',
      endings: ['He runs far away.', 'No.', 'He sits.', 'He eats a sandwich.'],
      label: 0,
    };
    const sums = [-3, -2.5, -20, -20];
    const client = createFakeClient({
      logprobOf: (p) => ({ contextLength: item.query.length, sum: sums[item.endings.indexOf(p.slice(item.query.length + 1))]! }),
    });
    const outcome = await runHellaswagCase('loglikelihood', item, client);
    expect(outcome.extracted).toEqual({ acc: '1', acc_norm: '0' });
    expect([outcome.scores, outcome.expected]).toEqual([{ acc: 0, acc_norm: 1 }, '0']);
  });
});

describe('chat multiple-choice case', () => {
  test('scores the stated label against the answer key', async () => {
    const client = createFakeClient({ answer: () => 'Thinking about it.\n\nAnswer: B' });
    const outcome = await runArcCase('chat', arc, client);
    expect([outcome.extracted, outcome.scores, outcome.verdict]).toEqual([{ chat_acc: 'B' }, { chat_acc: 1 }, 'correct']);
    expect(outcome.timing).toMatchObject({ requests: 1, ttftMs: 1 });
  });

  test('counts an answer without a label as unparseable, apart from wrong', async () => {
    const client = createFakeClient({ answer: () => 'I am not sure.' });
    const outcome = await runArcCase('chat', arc, client);
    expect([outcome.scores, outcome.verdict]).toEqual([{ chat_acc: 0 }, 'unparseable']);
  });

  test('asks HellaSwag with the endings labelled A-D and expects the gold letter', async () => {
    const item: HellaswagCase = { id: '3', storedContext: 'x', query: 'A man walks.', endings: ['a', 'b', 'c', 'd'], label: 2 };
    const client = createFakeClient({ answer: () => 'Answer: C' });
    const outcome = await runHellaswagCase('chat', item, client);
    expect(client.chats[0]!.messages.at(-1)!.content).toContain('C) c');
    expect([outcome.expected, outcome.verdict]).toEqual(['C', 'correct']);
  });
});
