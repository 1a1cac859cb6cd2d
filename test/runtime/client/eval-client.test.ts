import { afterEach, describe, expect, test } from 'vitest';
import { startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { findFreePort } from '../../../src/node/server/free-port.ts';
import { createEvalClient, isFatalServerError, type EvalClientOptions, type SamplingParams } from '../../../src/runtime/client/chat.ts';
import { createJudgeClient } from '../../../src/runtime/client/judge-client.ts';
import type { RequestTimeouts } from '../../../src/shared/transport/timeouts.ts';
import { RequestError } from '../../../src/shared/errors.ts';
import { answerEvents, chatChunk, completionBody, startFaultServer, usageChunk, type Behaviour } from '../../helpers/fault-server.ts';

// The worker's client against misbehaving servers, through the run's dispatcher as in a run (and directly for
// the external judge): what each failure becomes, what is retried, and the facts every answer carries.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const SAMPLING: SamplingParams = { temperature: 0, topP: 1, seed: 1, maxTokens: 50 };
const FAST: RequestTimeouts = { headersTimeoutMs: 500, idleTimeoutMs: 300, requestTimeoutMs: 2_000 };
const messages = [{ role: 'user' as const, content: 'hi' }];

// A client talking to a fault server through a dispatcher, as the suites do.
async function dispatchedClient(behave: (n: number) => Behaviour, options: Partial<EvalClientOptions> = {}, timeouts = FAST) {
  const upstream = await startFaultServer(behave);
  closers.push(upstream.close);
  const dispatcher = await startDispatcher({ upstreams: [upstream.url], inFlightLimit: 4, timeouts });
  closers.push(dispatcher.close);
  const client = createEvalClient({ baseUrl: dispatcher.baseUrl, model: 'm', maxRetries: 2, ...options });
  return { client, upstream, dispatcher };
}

async function failure(promise: Promise<unknown>): Promise<RequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RequestError);
  return error as RequestError;
}

describe('eval client through the dispatcher', () => {
  test('returns the answer with its usage, finish reason and one try', async () => {
    const { client } = await dispatchedClient(() => ({ type: 'stream', events: answerEvents(['4', '2'], [12, 3]) }));
    const answer = await client.chat(messages, SAMPLING);
    expect(answer).toMatchObject({
      text: '42',
      finishReason: 'stop',
      usage: { promptTokens: 12, completionTokens: 3 },
      overLength: false,
      capped: null,
      tries: 1,
    });
  });

  test("retries a connection dropped mid-stream and returns the retry's answer", async () => {
    const { client, upstream } = await dispatchedClient((n) =>
      n === 1 ? { type: 'stream', events: [chatChunk('par')], ending: 'reset' } : { type: 'stream', events: answerEvents(['full']) },
    );
    const answer = await client.chat(messages, SAMPLING);
    expect([answer.text, answer.tries, upstream.bodies.length]).toEqual(['full', 2, 2]);
  });

  test('fails a server that stalls after one chunk with timeout-idle naming the real server, the timeout, its variable and the tries', async () => {
    const { client, upstream, dispatcher } = await dispatchedClient(() => ({ type: 'stream', events: [chatChunk('a')], ending: 'stall' }));
    const error = await failure(client.chat(messages, SAMPLING));
    expect(error).toMatchObject({ kind: 'timeout-idle', server: upstream.url, status: undefined, tries: 3 });
    expect(error.message).toBe(
      `Request to ${upstream.url} failed after 3 tries: no data for 300 ms after chunk 1 (idle timeout; raise it with EVAL_IDLE_TIMEOUT_MS or \`client.idleTimeoutMs\`)`,
    );
    expect(error.message).not.toContain(dispatcher.baseUrl);
  });

  test("fails a flat-bodied context-length 400 at once with the server's message", async () => {
    const message =
      "This model's maximum context length is 32768 tokens. However, you requested 1024 output tokens and your prompt contains 32000 input tokens, for a total of 33024 tokens.";
    const { client, upstream } = await dispatchedClient(() => ({
      type: 'status',
      status: 400,
      body: JSON.stringify({ object: 'error', message, type: 'BadRequestError', param: null, code: 400 }),
    }));
    const error = await failure(client.chat(messages, SAMPLING));
    expect(error).toMatchObject({ kind: 'context-length', status: 400, serverMessage: message, tries: 1, server: upstream.url });
    expect(error.message).toContain(message);
    expect(upstream.bodies).toHaveLength(1);
  });

  test('retries a 500 with a plain-text body and keeps that text', async () => {
    const { client, upstream } = await dispatchedClient(
      () => ({ type: 'status', status: 500, body: 'CUDA error: an illegal memory access was encountered', contentType: 'text/plain' }),
      { maxRetries: 1 },
    );
    const error = await failure(client.chat(messages, SAMPLING));
    expect(error).toMatchObject({
      kind: 'http',
      status: 500,
      serverMessage: 'CUDA error: an illegal memory access was encountered',
      tries: 2,
    });
    expect(error.message).toBe(
      `Request to ${upstream.url} failed after 2 tries: HTTP 500: CUDA error: an illegal memory access was encountered`,
    );
  });

  test('does not retry a 401 and shows `{"error":"Unauthorized"}` as its message', async () => {
    const { client } = await dispatchedClient(() => ({ type: 'status', status: 401, body: '{"error":"Unauthorized"}' }));
    expect(await failure(client.chat(messages, SAMPLING))).toMatchObject({
      kind: 'http',
      status: 401,
      serverMessage: 'Unauthorized',
      tries: 1,
    });
  });

  test("retries a server's own error event inside a started stream", async () => {
    const engineDead = {
      error: {
        message: 'EngineCore encountered an issue. See stack trace (above) for the root cause.',
        type: 'InternalServerError',
        param: null,
        code: 500,
      },
    };
    const { client } = await dispatchedClient((n) =>
      n === 1 ? { type: 'stream', events: [chatChunk('a'), engineDead] } : { type: 'stream', events: answerEvents(['ok']) },
    );
    expect((await client.chat(messages, SAMPLING)).tries).toBe(2);
  });

  test('treats a stream that ends without a finish_reason as cut short and retries it', async () => {
    const { client } = await dispatchedClient((n) =>
      n === 1 ? { type: 'stream', events: [chatChunk('half')] } : { type: 'stream', events: answerEvents(['whole']) },
    );
    expect(await client.chat(messages, SAMPLING)).toMatchObject({ text: 'whole', tries: 2 });
  });

  test('keeps a complete answer whose usage chunk is missing, with usage null', async () => {
    const { client } = await dispatchedClient(() => ({ type: 'stream', events: [chatChunk('4'), chatChunk('2', 'stop')] }));
    expect(await client.chat(messages, SAMPLING)).toMatchObject({ text: '42', usage: null, overLength: false, tries: 1 });
  });

  test('flags a server that returns more tokens than max_tokens asked for', async () => {
    const { client } = await dispatchedClient(() => ({
      type: 'stream',
      events: [chatChunk('long', 'length'), usageChunk(10, SAMPLING.maxTokens + 20)],
    }));
    expect(await client.chat(messages, SAMPLING)).toMatchObject({ finishReason: 'length', overLength: true });
  });

  test('cuts an answer above the cap and records the original length', async () => {
    const piece = 'x'.repeat(600);
    const { client } = await dispatchedClient(() => ({ type: 'stream', events: answerEvents([piece, piece, piece]) }), {
      answerCapChars: 1_000,
    });
    const answer = await client.chat(messages, SAMPLING);
    expect([answer.text.length, answer.capped]).toEqual([1_000, { originalChars: 1_800 }]);
  });

  test('marks a dead launched server as fatal and does not retry it', async () => {
    const upstream = await startFaultServer(() => ({ type: 'json', body: {} }));
    closers.push(upstream.close);
    const dispatcher = await startDispatcher({
      upstreams: [upstream.url],
      inFlightLimit: 1,
      fatalReason: () => 'vLLM server `vllm serve m` (pid 1) died mid-run',
    });
    closers.push(dispatcher.close);
    const error = await failure(createEvalClient({ baseUrl: dispatcher.baseUrl, model: 'm' }).chat(messages, SAMPLING));
    expect([error.kind, error.tries, isFatalServerError(error)]).toEqual(['server-dead', 1, true]);
    expect(error.message).toContain('died mid-run');
  });

  test('does not start its own deadlines while the request waits for a dispatcher slot', async () => {
    const slow: Behaviour = { type: 'stream', events: answerEvents(['a', 'b', 'c', 'd']), everyMs: 200 };
    const upstream = await startFaultServer(() => slow);
    closers.push(upstream.close);
    const dispatcher = await startDispatcher({
      upstreams: [upstream.url],
      inFlightLimit: 1,
      timeouts: { headersTimeoutMs: 2_000, idleTimeoutMs: 2_000, requestTimeoutMs: 5_000 },
    });
    closers.push(dispatcher.close);
    // Each answer takes ~0.8 s; the third waits ~1.6 s in the queue, more than the client's own 1 s total.
    const client = createEvalClient({ baseUrl: dispatcher.baseUrl, model: 'm', timeoutMs: 1_000, maxRetries: 0 });
    const answers = await Promise.all([1, 2, 3].map(() => client.chat(messages, SAMPLING)));
    expect(answers.map((a) => [a.text, a.tries])).toEqual([
      ['abcd', 1],
      ['abcd', 1],
      ['abcd', 1],
    ]);
  });

  test('retries a scored completions request that was reset and carries its facts', async () => {
    const { client } = await dispatchedClient((n) =>
      n === 1 ? { type: 'reset' } : { type: 'json', body: completionBody('The cat', [7, 0]) },
    );
    const result = await client.complete('The cat', { maxTokens: 0, echo: true, logprobs: 1 });
    expect(result).toMatchObject({
      text: 'The cat',
      usage: { promptTokens: 7, completionTokens: 0 },
      overLength: false,
      tries: 2,
      ttftMs: null,
    });
  });

  test("lets the caller's abort through without retrying", async () => {
    const { client, upstream } = await dispatchedClient(
      () => ({ type: 'stream', events: [chatChunk('a')], ending: 'stall' }),
      {},
      { ...FAST, idleTimeoutMs: 60_000 },
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await client.chat(messages, SAMPLING, controller.signal).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RequestError);
    expect(upstream.bodies).toHaveLength(1);
  });
});

describe('eval client talking to a server directly', () => {
  async function direct(behave: (n: number) => Behaviour, options: Partial<EvalClientOptions> = {}) {
    const upstream = await startFaultServer(behave);
    closers.push(upstream.close);
    return { upstream, client: createEvalClient({ baseUrl: upstream.url, model: 'm', maxRetries: 0, transport: 'direct', ...options }) };
  }

  test('enforces the idle timeout itself, exactly', async () => {
    const { client, upstream } = await direct(() => ({ type: 'stream', events: [chatChunk('a')], ending: 'stall' }), {
      idleTimeoutMs: 300,
    });
    const error = await failure(client.chat(messages, SAMPLING));
    expect(error).toMatchObject({ kind: 'timeout-idle', server: upstream.url, tries: 1 });
    expect(error.message).toContain('no data for 300 ms after chunk 1 (idle timeout');
  });

  test('enforces the headers timeout itself', async () => {
    const { client } = await direct(() => ({ type: 'stall' }), { headersTimeoutMs: 300 });
    const error = await failure(client.chat(messages, SAMPLING));
    expect(error.kind).toBe('timeout-headers');
    expect(error.message).toContain('no response headers within 300 ms of sending');
  });

  test('names the server it was given for a connection refused', async () => {
    const closed = `http://127.0.0.1:${await findFreePort()}`;
    const client = createEvalClient({ baseUrl: closed, model: 'm', maxRetries: 0, transport: 'direct' });
    const error = await failure(client.chat(messages, SAMPLING));
    expect([error.kind, error.server]).toEqual(['refused', closed]);
  });
});

describe('judge client (talks to its server directly)', () => {
  async function judge(behave: (n: number) => Behaviour, options: Partial<EvalClientOptions> = {}) {
    const upstream = await startFaultServer(behave);
    closers.push(upstream.close);
    return { upstream, client: createJudgeClient({ baseUrl: upstream.url, model: 'gpt-judge', maxRetries: 1, ...options }) };
  }

  test('enforces the request timeout itself and names the judge', async () => {
    const { client, upstream } = await judge(() => ({ type: 'stall' }), { timeoutMs: 300 });
    const error = await failure(client.chat(messages, SAMPLING));
    expect(error).toMatchObject({ kind: 'timeout-total', server: upstream.url, tries: 2 });
    expect(error.message).toContain('not finished within 300 ms of sending');
    expect(error.message).toContain('EVAL_REQUEST_TIMEOUT_MS');
  });

  test('reads a flat error body through the shared parser', async () => {
    const { client } = await judge(() => ({
      type: 'status',
      status: 400,
      body: '{"object":"error","message":"Invalid model","code":400}',
    }));
    expect(await failure(client.chat(messages, SAMPLING))).toMatchObject({
      kind: 'http',
      status: 400,
      serverMessage: 'Invalid model',
      tries: 1,
    });
  });

  test('returns a judgment with its usage', async () => {
    const body = {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-judge',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Rating: [[8]]' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 40, completion_tokens: 5, total_tokens: 45 },
    };
    const { client } = await judge(() => ({ type: 'json', body }));
    expect(await client.chat(messages, SAMPLING)).toMatchObject({
      text: 'Rating: [[8]]',
      usage: { promptTokens: 40, completionTokens: 5 },
      tries: 1,
    });
  });
});
