import { afterEach, describe, expect, test } from 'vitest';
import { startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { createEvalClient, type EvalClientOptions, type SamplingParams } from '../../../src/runtime/client/chat.ts';
import { createJudgeClient } from '../../../src/runtime/client/judge-client.ts';
import { splitThinking } from '../../../src/runtime/client/reasoning.ts';
import { chatChunk, startFaultServer, usageChunk, type Behaviour } from '../../helpers/fault-server.ts';

// A reasoning model's reasoning is taken out of the answer (by the server's parser, else by the harness), kept with
// who split it, and its tokens counted apart: the server's count when it reports one, else its /tokenize.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const SAMPLING: SamplingParams = { temperature: 0, topP: 1, seed: 1, maxTokens: 50 };
const messages = [{ role: 'user' as const, content: 'What is 6 x 7?' }];

const reasoningChunk = (reasoning: string, field = 'reasoning') => ({
  choices: [{ index: 0, delta: { [field]: reasoning }, finish_reason: null }],
});

// A server that streams `events` for chat requests and answers /tokenize (a body with `prompt`) as `tokenize` says.
async function client(
  events: unknown[],
  tokenize: Behaviour = { type: 'json', body: { count: 4 } },
  options: Partial<EvalClientOptions> = {},
) {
  const upstream = await startFaultServer((_n, body) => (body?.prompt !== undefined ? tokenize : { type: 'stream', events }));
  closers.push(upstream.close);
  const dispatcher = await startDispatcher({ upstreams: [upstream.url], inFlightLimit: 4 });
  closers.push(dispatcher.close);
  return { client: createEvalClient({ baseUrl: dispatcher.baseUrl, model: 'm', thinking: true, ...options }), upstream };
}

describe('splitting reasoning from the answer', () => {
  test('the server’s split wins: the answer is left as it came', () => {
    expect(splitThinking('\n\n42', 'Six sevens.', true)).toEqual({ answer: '\n\n42', reasoning: 'Six sevens.', splitBy: 'server' });
  });

  test('a leading <think>…</think> is taken out by the harness, for any model', () => {
    expect(splitThinking('<think>Six sevens.</think>\n\n42', null, false)).toEqual({
      answer: '\n\n42',
      reasoning: 'Six sevens.',
      splitBy: 'harness',
    });
  });

  test('an unclosed <think> (cut at max_tokens while thinking) is all reasoning and no answer', () => {
    expect(splitThinking('<think>Six sev', '', true)).toEqual({ answer: '', reasoning: 'Six sev', splitBy: 'harness' });
  });

  test('a reasoning model’s text before a lone </think> is reasoning (its template opened the block in the prompt)', () => {
    expect(splitThinking('Six sevens.</think>42', null, true)).toEqual({ answer: '42', reasoning: 'Six sevens.', splitBy: 'harness' });
    expect(splitThinking('Six sevens.</think>42', null, false)).toEqual({
      answer: 'Six sevens.</think>42',
      reasoning: null,
      splitBy: null,
    });
  });

  test('an answer without reasoning stays whole', () => {
    expect(splitThinking('The tag <think> is HTML-like.', null, true)).toEqual({
      answer: 'The tag <think> is HTML-like.',
      reasoning: null,
      splitBy: null,
    });
  });
});

describe('eval client and reasoning models', () => {
  test("keeps the server's reasoning apart from the answer and counts its tokens with the server's /tokenize", async () => {
    const { client: c, upstream } = await client([reasoningChunk('Six sevens.'), chatChunk('42', 'stop'), usageChunk(10, 9)]);
    const answer = await c.chat(messages, SAMPLING);
    expect(answer).toMatchObject({ text: '42', reasoning: { text: 'Six sevens.', splitBy: 'server', tokens: 4, capped: null } });
    expect(upstream.bodies[1]).toEqual({ model: 'm', prompt: 'Six sevens.', add_special_tokens: false });
  });

  test('takes the count the server reports in completion_tokens_details without asking /tokenize', async () => {
    const usage = {
      ...(usageChunk(10, 9) as object),
      usage: { prompt_tokens: 10, completion_tokens: 9, completion_tokens_details: { reasoning_tokens: 6 } },
    };
    const { client: c, upstream } = await client([reasoningChunk('Six sevens.'), chatChunk('42', 'stop'), usage]);
    expect((await c.chat(messages, SAMPLING)).reasoning?.tokens).toBe(6);
    expect(upstream.bodies).toHaveLength(1);
  });

  test('takes a <think> block out of an answer the server left whole and records that the harness split it', async () => {
    const { client: c } = await client([chatChunk('<think>Six sevens.</think>'), chatChunk('\n\n42', 'stop'), usageChunk(10, 9)]);
    const answer = await c.chat(messages, SAMPLING);
    expect(answer).toMatchObject({ text: '\n\n42', reasoning: { text: 'Six sevens.', splitBy: 'harness', tokens: 4 } });
  });

  test('leaves the reasoning tokens unknown when the server has no /tokenize', async () => {
    const { client: c } = await client([reasoningChunk('Six sevens.'), chatChunk('42', 'stop'), usageChunk(10, 9)], {
      type: 'status',
      status: 404,
      body: '{"detail":"Not Found"}',
    });
    expect((await c.chat(messages, SAMPLING)).reasoning).toMatchObject({ text: 'Six sevens.', tokens: null });
  });

  test('reads the reasoning_content field of vLLM before 2026-01-30', async () => {
    const { client: c } = await client([reasoningChunk('Six sevens.', 'reasoning_content'), chatChunk('42', 'stop')]);
    expect((await c.chat(messages, SAMPLING)).reasoning?.text).toBe('Six sevens.');
  });

  test('sends chat_template_kwargs.enable_thinking with the run’s switch, and nothing for other models', async () => {
    const events = [chatChunk('42', 'stop')];
    const off = await client(events, undefined, { thinking: false });
    const plain = await client(events, undefined, { thinking: null });
    await Promise.all([off.client.chat(messages, SAMPLING), plain.client.chat(messages, SAMPLING)]);
    expect(off.upstream.bodies[0]).toMatchObject({ chat_template_kwargs: { enable_thinking: false } });
    expect(plain.upstream.bodies[0]).not.toHaveProperty('chat_template_kwargs');
  });

  test("grades an external judge's verdict, not the ratings it drafted while thinking", async () => {
    const body = {
      choices: [{ index: 0, message: { role: 'assistant', content: '<think>Maybe [[2]].</think>Rating: [[8]]' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 9 },
    };
    const upstream = await startFaultServer((_n, request) =>
      request?.prompt !== undefined ? { type: 'status', status: 404, body: '' } : { type: 'json', body },
    );
    closers.push(upstream.close);
    const judgment = await createJudgeClient({ baseUrl: upstream.url, model: 'judge' }).chat(messages, SAMPLING);
    expect(judgment).toMatchObject({ text: 'Rating: [[8]]', reasoning: { text: 'Maybe [[2]].', splitBy: 'harness', tokens: null } });
  });
});
