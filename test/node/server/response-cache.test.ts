import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startDispatcher, type Dispatcher } from '../../../src/node/server/dispatcher.ts';
import { answerCacheKey, answerChangingFlags, type CacheServerFacts } from '../../../src/node/server/response-cache/cache-key.ts';
import { resolveCachePolicy, type CachePolicy } from '../../../src/node/server/response-cache/cache-policy.ts';
import { isCompleteAnswer } from '../../../src/node/server/response-cache/cacheable.ts';
import { ResponseCacheStore } from '../../../src/node/server/response-cache/cache-store.ts';
import { openResponseCache } from '../../../src/node/server/response-cache/response-cache.ts';
import type { ServerStatus } from '../../../src/shared/context.ts';
import { answerEvents, chatChunk, startFaultServer, type Behaviour } from '../../helpers/fault-server.ts';

const SERVER: CacheServerFacts = {
  flags: ['--quantization=awq'],
  vllmVersion: '0.21.0',
  simulation: null,
  simulationDigest: null,
  upstreams: null,
};
const REQUEST = {
  model: 'Qwen/Qwen2.5-7B-Instruct',
  messages: [{ role: 'user', content: 'What is 2 + 2?' }],
  stream: true,
  temperature: 0,
  top_p: 1,
  seed: 1234,
  max_tokens: 64,
};
const READWRITE: CachePolicy = { mode: 'readwrite', greedyOnly: false, reason: 'test' };
const STATUS: ServerStatus = {
  upstreams: ['http://upstream'],
  label: 'upstream',
  launched: true,
  command: null,
  vllmVersion: null,
  logFile: null,
  maxNumSeqs: 2,
  simulation: null,
  quantizationKernel: null,
};

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'response-cache-'));
}

describe('cache key', () => {
  test('is the same for the same request whatever its key order', () => {
    const reordered = Object.fromEntries(Object.entries(REQUEST).reverse());
    expect(answerCacheKey('/v1/chat/completions', reordered, SERVER)).toBe(answerCacheKey('/v1/chat/completions', REQUEST, SERVER));
  });

  test.each([
    ['a message', { messages: [{ role: 'user', content: 'What is 2 + 3?' }] }],
    ['the temperature', { temperature: 0.7 }],
    ['top_p', { top_p: 0.9 }],
    ['the seed', { seed: 1 }],
    ['max_tokens', { max_tokens: 32 }],
    ['the tools', { tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }],
    ['the model', { model: 'Qwen/Qwen2.5-14B-Instruct' }],
  ])('changes with %s', (_what, change) => {
    expect(answerCacheKey('/v1/chat/completions', { ...REQUEST, ...change }, SERVER)).not.toBe(
      answerCacheKey('/v1/chat/completions', REQUEST, SERVER),
    );
  });

  test.each([
    ['an answer-changing server flag', { flags: ['--quantization=gptq'] }],
    ['the vLLM version', { vllmVersion: '0.22.0' }],
    ['the simulated script', { simulation: 'gold', simulationDigest: 'abc' }],
  ])('changes with %s', (_what, change) => {
    expect(answerCacheKey('/v1/chat/completions', REQUEST, { ...SERVER, ...change })).not.toBe(
      answerCacheKey('/v1/chat/completions', REQUEST, SERVER),
    );
  });

  test('changes with the sample index of a sampled request', () => {
    expect(answerCacheKey('/v1/chat/completions', REQUEST, SERVER, 1)).not.toBe(answerCacheKey('/v1/chat/completions', REQUEST, SERVER, 0));
  });

  test('keeps the server flags that change answers and drops those that change only speed', () => {
    const argv = ['vllm', 'serve', 'Qwen/Qwen2.5-7B-Instruct', '--port', '8000', '--max-num-seqs', '64', '--enable-prefix-caching'];
    argv.push('--quantization', 'awq', '--max-model-len=8192', '--enforce-eager', '--gpu-memory-utilization', '0.9');
    expect(answerChangingFlags(argv)).toEqual(['--quantization=awq', '--max-model-len=8192', '--enforce-eager']);
  });
});

describe('cache policy', () => {
  test('EVAL_CACHE wins over the run kind', () => {
    expect(resolveCachePolicy('off', { watch: true, replay: false })).toMatchObject({ mode: 'off' });
    expect(resolveCachePolicy('read', { watch: false, replay: false })).toMatchObject({ mode: 'read', greedyOnly: false });
  });

  test('watch mode reads and writes greedy requests by default', () => {
    expect(resolveCachePolicy(undefined, { watch: true, replay: false })).toMatchObject({ mode: 'readwrite', greedyOnly: true });
  });

  test('a replay reads only', () => {
    expect(resolveCachePolicy(undefined, { watch: true, replay: true })).toMatchObject({ mode: 'read' });
  });

  test('is off outside watch mode unless asked for', () => {
    expect(resolveCachePolicy(undefined, { watch: false, replay: false })).toMatchObject({ mode: 'off' });
  });
});

describe('what may be kept', () => {
  const sse = (events: unknown[]) => Buffer.from(`${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`);
  const stream = (body: Buffer, status = 200) => ({ status, contentType: 'text/event-stream', body });

  test('a streamed answer that finished on its own', () => {
    expect(isCompleteAnswer(stream(sse(answerEvents(['4']))), REQUEST)).toBe(true);
  });

  test('never an answer cut at max_tokens', () => {
    expect(isCompleteAnswer(stream(sse([chatChunk('4 and', 'length')])), REQUEST)).toBe(false);
  });

  test('never a stream that ended with an error event', () => {
    expect(isCompleteAnswer(stream(sse([chatChunk('4'), { error: { message: 'engine dead' } }])), REQUEST)).toBe(false);
  });

  test('never an HTTP error', () => {
    expect(isCompleteAnswer({ status: 500, contentType: 'application/json', body: Buffer.from('{"choices":[]}') }, REQUEST)).toBe(false);
  });

  test('a prompt-only scoring request, which always ends with length', () => {
    const body = Buffer.from(JSON.stringify({ choices: [{ text: 'x', finish_reason: 'length' }] }));
    const answer = { status: 200, contentType: 'application/json', body };
    expect(isCompleteAnswer(answer, { ...REQUEST, max_tokens: 0 })).toBe(true);
    expect(isCompleteAnswer(answer, REQUEST)).toBe(false);
  });
});

describe('cache store', () => {
  const answer = (text: string) => ({ status: 200, contentType: 'application/json', body: Buffer.from(text) });

  test('evicts the least recently used answers when it passes its size limit', async () => {
    const dir = tempDir();
    const probe = await ResponseCacheStore.open(tempDir(), 1 << 20);
    await probe.put('aa00', answer('x'.repeat(1000)));
    const entry = probe.stats().bytes;
    // Room for two answers, not three.
    const store = await ResponseCacheStore.open(dir, Math.floor(entry * 2.5));
    await store.put('aa01', answer('1'.repeat(1000)));
    await store.put('bb02', answer('2'.repeat(1000)));
    await new Promise((r) => setTimeout(r, 5));
    expect(await store.get('aa01')).not.toBeNull();
    await store.put('cc03', answer('3'.repeat(1000)));
    expect(await store.get('bb02')).toBeNull();
    expect(await store.get('aa01')).not.toBeNull();
    expect(await store.get('cc03')).not.toBeNull();
    expect(store.stats().bytes).toBeLessThanOrEqual(store.maxBytes);
  });

  test('finds what an earlier process stored, with its size', async () => {
    const dir = tempDir();
    const first = await ResponseCacheStore.open(dir, 1 << 20);
    await first.put('ab12', answer('hello'));
    const second = await ResponseCacheStore.open(dir, 1 << 20);
    expect(second.stats()).toEqual(first.stats());
    expect((await second.get('ab12'))?.body.toString()).toBe('hello');
  });
});

describe('dispatcher with a response cache', () => {
  async function setup(behave: (n: number) => Behaviour, policy: CachePolicy = READWRITE, offline: string | null = null) {
    const upstream = await startFaultServer(behave);
    closers.push(upstream.close);
    const cache = await openResponseCache({ dir: tempDir(), maxBytes: 1 << 20, policy, server: async () => SERVER });
    const control = {
      status: async () => STATUS,
      lastStatus: () => STATUS,
      simulatorStats: async () => null,
      serverMetrics: async () => null,
      selectedFiles: () => null,
    };
    const dispatcher = await startDispatcher({ upstreams: [upstream.url], inFlightLimit: 2, cache, offline, control });
    closers.push(dispatcher.close);
    return { upstream, dispatcher, written: () => cache.flush() };
  }

  const send = (dispatcher: Dispatcher, body: Record<string, unknown> = REQUEST) =>
    fetch(`${dispatcher.baseUrl}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body) });

  test('serves the second identical request from the cache', async () => {
    const { upstream, dispatcher, written } = await setup(() => ({ type: 'stream', events: answerEvents(['The answer ', 'is 4.']) }));
    const first = await (await send(dispatcher)).text();
    await written();
    const second = await send(dispatcher);
    expect(second.headers.get('x-eval-cache')).toBe('hit');
    expect(await second.text()).toBe(first);
    expect(upstream.bodies).toHaveLength(1);
    expect(dispatcher.stats()).toMatchObject({ requests: 1, completed: 1, cacheHits: 1 });
  });

  test('asks the server again for an answer cut at max_tokens', async () => {
    const { upstream, dispatcher, written } = await setup(() => ({ type: 'stream', events: [chatChunk('The answer', 'length')] }));
    await (await send(dispatcher)).text();
    await written();
    expect((await send(dispatcher)).headers.get('x-eval-cache')).toBeNull();
    expect(upstream.bodies).toHaveLength(2);
  });

  test('asks the server again after an error', async () => {
    const { upstream, dispatcher, written } = await setup((n) =>
      n === 1 ? { type: 'status', status: 500, body: '{"error":{"message":"boom"}}' } : { type: 'stream', events: answerEvents(['4']) },
    );
    expect((await send(dispatcher)).status).toBe(500);
    await written();
    expect((await send(dispatcher)).headers.get('x-eval-cache')).toBeNull();
    expect(upstream.bodies).toHaveLength(2);
  });

  test('leaves sampled requests alone when only greedy ones are cached (watch mode)', async () => {
    const policy = resolveCachePolicy(undefined, { watch: true, replay: false });
    const { upstream, dispatcher, written } = await setup(() => ({ type: 'stream', events: answerEvents(['4']) }), policy);
    await (await send(dispatcher, { ...REQUEST, temperature: 0.7 })).text();
    await written();
    await (await send(dispatcher, { ...REQUEST, temperature: 0.7 })).text();
    expect(upstream.bodies).toHaveLength(2);
  });

  test('keeps identical sampled requests apart as distinct samples when sampled requests are cached', async () => {
    const { upstream, dispatcher, written } = await setup((n) => ({ type: 'stream', events: answerEvents([`sample ${n}`]) }));
    const sampled = { ...REQUEST, temperature: 0.8 };
    const firstRun = [await (await send(dispatcher, sampled)).text(), await (await send(dispatcher, sampled)).text()];
    await written();
    // A new run numbers its samples from the start again: the same two samples come back, in order.
    await (await fetch(`${dispatcher.baseUrl}/_eval/run-end`, { method: 'POST' })).text();
    const secondRun = [await (await send(dispatcher, sampled)).text(), await (await send(dispatcher, sampled)).text()];
    expect(firstRun[0]).not.toBe(firstRun[1]);
    expect(secondRun).toEqual(firstRun);
    expect(upstream.bodies).toHaveLength(2);
  });

  test('only reads in read mode', async () => {
    const { upstream, dispatcher, written } = await setup(() => ({ type: 'stream', events: answerEvents(['4']) }), {
      ...READWRITE,
      mode: 'read',
    });
    await (await send(dispatcher)).text();
    await written();
    await (await send(dispatcher)).text();
    expect(upstream.bodies).toHaveLength(2);
  });

  test('without a server, answers a request the cache does not hold with a 503 that is never retried, naming why', async () => {
    const { upstream, dispatcher } = await setup(() => ({ type: 'stream', events: answerEvents(['4']) }), READWRITE, 'replay: no server');
    const response = await send(dispatcher);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('replay: no server');
    expect(upstream.bodies).toHaveLength(0);
  });
});
