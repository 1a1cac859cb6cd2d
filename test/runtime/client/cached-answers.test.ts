import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { openResponseCache } from '../../../src/node/server/response-cache/response-cache.ts';
import { createEvalClient, type ChatResult, type EvalClient, type SamplingParams } from '../../../src/runtime/client/chat.ts';
import { CaseLedger, withLedger } from '../../../src/runtime/ledger.ts';
import { answerEvents, completionBody, startFaultServer } from '../../helpers/fault-server.ts';

// Answers the dispatcher serves from its response cache reach the worker marked as such, and a case counts them
// apart: their tokens and timings say nothing about the server.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const SAMPLING: SamplingParams = { temperature: 0, topP: 1, seed: 1, maxTokens: 50 };
const messages = [{ role: 'user' as const, content: 'hi' }];

async function cachedClient() {
  const upstream = await startFaultServer((_n, body: { stream?: boolean }) =>
    body.stream ? { type: 'stream', events: answerEvents(['4', '2'], [12, 3]) } : { type: 'json', body: completionBody('ctx cont') },
  );
  closers.push(upstream.close);
  const cache = await openResponseCache({
    dir: mkdtempSync(join(tmpdir(), 'cached-answers-')),
    maxBytes: 1 << 20,
    policy: { mode: 'readwrite', greedyOnly: true, reason: 'test' },
    server: async () => ({ flags: null, vllmVersion: null, simulation: null, simulationDigest: null, upstreams: [upstream.url] }),
  });
  const dispatcher = await startDispatcher({ upstreams: [upstream.url], inFlightLimit: 4, cache });
  closers.push(dispatcher.close);
  return { client: createEvalClient({ baseUrl: dispatcher.baseUrl, model: 'm' }), upstream, written: () => cache.flush() };
}

describe('answers from the response cache', () => {
  test('a repeated chat comes back marked as cached, with the same text and usage', async () => {
    const { client, upstream, written } = await cachedClient();
    const first = await client.chat(messages, SAMPLING);
    await written();
    const second = await client.chat(messages, SAMPLING);
    expect(first.cached).toBeUndefined();
    expect(second).toMatchObject({ text: '42', usage: first.usage, finishReason: 'stop', cached: true });
    expect(upstream.bodies).toHaveLength(1);
  });

  test('a repeated prompt-scoring completion comes back marked as cached', async () => {
    const { client, written } = await cachedClient();
    const options = { maxTokens: 0, echo: true, logprobs: 1 };
    await client.complete('ctx cont', options);
    await written();
    expect((await client.complete('ctx cont', options)).cached).toBe(true);
  });

  test('a case counts its cached answers and their tokens apart, and takes no time to first token from them', async () => {
    const answer = (cached: boolean, ttftMs: number): ChatResult => ({
      text: 'x',
      reasoning: null,
      toolCalls: [],
      finishReason: 'stop',
      usage: { promptTokens: 10, completionTokens: 4 },
      overLength: false,
      capped: null,
      tries: 1,
      ttftMs,
      latencyMs: 1,
      ...(cached ? { cached } : {}),
    });
    const ledger = new CaseLedger();
    let n = 0;
    // The first answer comes from the cache (1 ms to its first byte), the second from the server (250 ms).
    const inner: Pick<EvalClient, 'chat' | 'complete'> = {
      chat: async () => (n++ === 0 ? answer(true, 1) : answer(false, 250)),
      complete: async () => undefined as never,
    };
    const client = withLedger(inner, ledger);
    await client.chat(messages, SAMPLING);
    await client.chat(messages, SAMPLING);
    expect(ledger.cache()).toEqual({ hits: 1, promptTokens: 10, completionTokens: 4 });
    expect(ledger.usage()).toMatchObject({ promptTokens: 20, completionTokens: 8 });
    expect(ledger.timing().ttftMs).toBe(250);
  });
});
