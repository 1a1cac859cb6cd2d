import { describe, expect, test } from 'vitest';
import type { CaseRecord } from '../../src/shared/records/case-record.ts';
import { evalDefinition, type EvalDefinition } from '../../src/runtime/define-eval.ts';
import { jsonl } from '../../src/runtime/data.ts';
import { replayEvalCase } from '../../src/runtime/replay.ts';
import type { Scorer } from '../../src/scorers/scorer.ts';
import { createFakeClient, FAKE_RUN, FAKE_SERVER, runCase, SAMPLING } from '../helpers/fake-client.ts';

// EVAL_REPLAY, one case at a time: a recorded answer scored again with today's scorers, nothing asked of a server.

interface Item {
  question: string;
  answer: string;
}

const ITEM: Item = { question: 'What is 6 x 7?', answer: '42' };
const RECORDED_RUN = 'recorded-run';

// A scorer bug and its fix: the first number of the answer versus its last.
const numberAt = (pick: 'first' | 'last'): Scorer<Item> => ({
  name: 'exact',
  score: ({ response, expected }) => {
    const numbers = response.match(/\d+/g) ?? [];
    const found = (pick === 'first' ? numbers[0] : numbers.at(-1)) ?? null;
    return { score: found === expected ? 1 : 0, extracted: found };
  },
});

function arithmetic(scorer: Scorer<Item>) {
  return evalDefinition<Item>({
    name: 'arithmetic',
    data: jsonl<Item>('unused.jsonl'),
    prompt: (item) => [{ role: 'user', content: item.question }],
    scorers: [scorer],
  });
}

async function recorded<Output>(definition: EvalDefinition<Item, Output>, answer: string) {
  const record = await runCase(definition, ITEM, createFakeClient({ answer: () => answer }));
  return { ...record, runId: RECORDED_RUN };
}

function replay<Output>(definition: EvalDefinition<Item, Output>, record: CaseRecord) {
  const client = createFakeClient({});
  const runtime = { run: { ...FAKE_RUN, runId: 'replay-run' }, server: FAKE_SERVER, client, sampling: SAMPLING };
  return { client, result: replayEvalCase(definition, ITEM, record, runtime, new AbortController().signal) };
}

describe('replaying a recorded case', () => {
  test('scores the recorded answer with the fixed scorer and asks nothing', async () => {
    const before = await recorded(arithmetic(numberAt('first')), 'Six sevens: 6 x 7 = 42');
    expect(before.verdict).toBe('wrong');
    const { client, result } = replay(arithmetic(numberAt('last')), before);
    const after = await result;
    expect(after).toMatchObject({ verdict: 'correct', response: before.response, prompt: before.prompt, replayOf: RECORDED_RUN });
    expect(after.runId).toBe('replay-run');
    expect(client.chats).toHaveLength(0);
  });

  test("gives an eval's own task's kept output to its scorers again", async () => {
    const task = async () => ({ text: 'no number here', detail: { steps: 3 } });
    const stepsScorer: Scorer<Item, { detail: { steps: number } }> = {
      name: 'steps',
      score: ({ output }) => ({ score: output.detail.steps === 3 ? 1 : 0 }),
    };
    const definition = evalDefinition<Item, { text: string; detail: { steps: number } }>({
      name: 'steps',
      data: jsonl<Item>('unused.jsonl'),
      prompt: (item) => item.question,
      task,
      scorers: [stepsScorer],
    });
    const before = await recorded(definition, '');
    expect(before.output).toEqual({ text: 'no number here', detail: { steps: 3 } });
    expect((await replay(definition, before).result).verdict).toBe('correct');
  });

  test("records an error naming the case when an own task's output was not kept", async () => {
    const definition = evalDefinition<Item, { text: string }>({
      name: 'arithmetic',
      data: jsonl<Item>('unused.jsonl'),
      prompt: (item) => item.question,
      task: async () => ({ text: '42' }),
      scorers: [numberAt('last')],
    });
    const { output: _dropped, ...before } = await recorded(definition, '');
    const after = await replay(definition, before).result;
    expect(after.verdict).toBe('error');
    expect(after.error).toMatchObject({ code: 'EVAL_REPLAY_UNAVAILABLE' });
    expect(after.error!.message).toContain(`Case ${before.caseId} of arithmetic/default cannot be replayed`);
  });
});
