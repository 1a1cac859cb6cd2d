import { describe, expect, test } from 'vitest';
import { conversationsSource } from '../../../src/evals/multi-turn/data.ts';
import { containsFact } from '../../../src/evals/multi-turn/facts.ts';
import type { Conversation } from '../../../src/evals/multi-turn/reader.ts';
import { simulate, simulatedTurnAnswer } from '../../../src/evals/multi-turn/simulate.ts';
import { multiTurnEvals } from '../../../src/evals/multi-turn/suite.ts';
import type { EvalDefinition } from '../../../src/runtime/define-eval.ts';
import type { ChatMessage } from '../../../src/shared/chat-message.ts';
import { createFakeClient, runCase } from '../../helpers/fake-client.ts';

const { items: conversations, pins } = await conversationsSource.load({ datasetBaseUrl: null });
const definition = multiTurnEvals(conversations)[0] as EvalDefinition<Conversation, unknown>;

// A client that answers like the simulated model: by the conversation (its first turn) and the turn number.
function scriptedClient(correct: boolean) {
  return createFakeClient({
    answer: (messages: ChatMessage[]) => {
      const conversation = conversations.find((c) => c.turns[0]!.user === messages[0]!.content)!;
      return simulatedTurnAnswer(conversation, messages.filter((m) => m.role === 'user').length - 1, correct);
    },
  });
}

describe('multi-turn coherence', () => {
  test('ships at least 50 conversations, each giving facts before it checks them, with unique ids and first turns', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(50);
    expect(new Set(conversations.map((c) => c.id)).size).toBe(conversations.length);
    expect(new Set(conversations.map((c) => c.turns[0]!.user)).size).toBe(conversations.length);
    expect(pins).toEqual([expect.objectContaining({ repository: 'qwen-evals', path: 'src/evals/multi-turn/conversations.jsonl' })]);
    expect(pins[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("sends each turn with the whole history, the model's own earlier answers included", async () => {
    const client = scriptedClient(true);
    const conversation = conversations[0]!;
    await runCase(definition, conversation, client);
    expect(client.chats).toHaveLength(conversation.turns.length);
    const last = client.chats.at(-1)!.messages;
    expect(last.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(conversation.turns.map((t) => t.user));
    expect(last[1]).toEqual({ role: 'assistant', content: simulatedTurnAnswer(conversation, 0, true) });
  });

  test('answers that state the facts score 1 on every conversation and every checked turn', async () => {
    const records = await Promise.all(conversations.map((c) => runCase(definition, c, scriptedClient(true), { caseId: c.id })));
    expect(records.map((r) => r.verdict)).toEqual(conversations.map(() => 'correct'));
    expect(records.every((r) => r.scores.turn_acc === 1)).toBe(true);
  });

  test('answers that forget or give the replaced value score 0, with the reason per turn', async () => {
    const records = await Promise.all(conversations.map((c) => runCase(definition, c, scriptedClient(false), { caseId: c.id })));
    expect(records.every((r) => r.verdict === 'wrong' && r.scores.turn_acc === 0)).toBe(true);
    const updated = records[conversations.findIndex((c) => c.topic === 'a fact updated later')]!;
    expect(updated.detail!.failures).toContain('turn 3: missing Wednesday; names the replaced Monday');
    expect(updated.units).toEqual({ turn_acc: 3 });
  });

  test('a fact is found as whole words in any case, and a small number also as its word', () => {
    expect(containsFact('Her name is MISO.', 'Miso')).toBe(true);
    expect(containsFact('Misoka', 'Miso')).toBe(false);
    expect(containsFact('The code is 48210', '4821')).toBe(false);
    expect(containsFact('There are six shirts', '6')).toBe(true);
    expect(containsFact('Room 204', ['204', 'two hundred four'])).toBe(true);
  });

  test('the simulation script expects exactly the share of conversations and turns it answers right', async () => {
    const script = await simulate({ mode: 'mix:0.5', source: { datasetBaseUrl: null }, limit: 10, variants: ['chat'], code: {} as never });
    expect(script.expected['multi_turn/chat']!.conversation_acc).toBe(0.5);
    const turns = conversations.slice(0, 10).reduce((n, c) => n + c.turns.length, 0);
    expect(script.rules).toHaveLength(turns);
  });
});
