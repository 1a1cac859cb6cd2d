import { afterEach, describe, expect, test } from 'vitest';
import { startDispatcher, type Dispatcher, type DispatcherOptions } from '../../../src/node/server/dispatcher.ts';
import type { RequestTimeouts } from '../../../src/shared/transport/timeouts.ts';
import { waitUntil } from '../../helpers/processes.ts';
import { answerEvents, chatChunk, startFaultServer, type Behaviour, type FaultServer } from '../../helpers/fault-server.ts';

// Every way an upstream can end a request, through the dispatcher: what the worker receives, and that the slot
// is freed and no reply or upstream request is left open afterwards.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const FAST: RequestTimeouts = { headersTimeoutMs: 400, idleTimeoutMs: 400, requestTimeoutMs: 3_000 };

async function setup(behave: (n: number) => Behaviour, options: Partial<DispatcherOptions> = {}) {
  const upstream = await startFaultServer(behave);
  closers.push(upstream.close);
  const dispatcher = await startDispatcher({ upstreams: [upstream.url], inFlightLimit: 2, timeouts: FAST, ...options });
  closers.push(dispatcher.close);
  return { upstream, dispatcher };
}

function send(dispatcher: Dispatcher, body: Record<string, unknown> = { stream: true }, signal?: AbortSignal) {
  return fetch(`${dispatcher.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

// The `data:` payloads of an SSE body.
async function events(response: Response): Promise<string[]> {
  return (await response.text())
    .split('\n\n')
    .filter((e) => e.startsWith('data: '))
    .map((e) => e.slice(6));
}

function errorOf(payload: string) {
  return (
    JSON.parse(payload) as {
      error: { message: string; code: number; eval: { kind: string; server: string; timeoutMs?: number; detail?: string } };
    }
  ).error;
}

// Slot free, nothing queued, every worker reply and upstream request closed.
async function expectNothingOpen(dispatcher: Dispatcher, upstream: FaultServer) {
  const idle = () => {
    const s = dispatcher.stats();
    return s.inFlight === 0 && s.queued === 0 && s.openReplies === 0 && s.openUpstreams === 0 && upstream.openRequests() === 0;
  };
  expect(await waitUntil(idle, 2_000, 10), JSON.stringify({ ...dispatcher.stats(), upstreamOpen: upstream.openRequests() })).toBe(true);
}

describe('dispatcher: upstream failures', () => {
  test('answers 502 kind reset naming the upstream when it resets before the headers', async () => {
    const { upstream, dispatcher } = await setup(() => ({ type: 'reset' }));
    const response = await send(dispatcher);
    const error = (await response.json()) as { error: { message: string; eval: { kind: string; server: string } } };
    expect(response.status).toBe(502);
    expect(error.error.eval).toMatchObject({ kind: 'reset', server: upstream.url });
    expect(error.error.message).toContain(upstream.url);
    await expectNothingOpen(dispatcher, upstream);
    expect(dispatcher.stats().failed).toBe(1);
  });

  test('answers 502 kind refused when nothing listens', async () => {
    const dispatcher = await startDispatcher({ upstreams: ['http://127.0.0.1:9'], inFlightLimit: 2, timeouts: FAST });
    closers.push(dispatcher.close);
    const response = await send(dispatcher);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { eval: unknown } }).error.eval).toMatchObject({
      kind: 'refused',
      server: 'http://127.0.0.1:9',
    });
    expect(dispatcher.stats().inFlight).toBe(0);
  });

  test('ends a stream reset mid-way with the relayed chunks, then an error event and [DONE]', async () => {
    const { upstream, dispatcher } = await setup(() => ({ type: 'stream', events: [chatChunk('one'), chatChunk('two')], ending: 'reset' }));
    const data = await events(await send(dispatcher));
    expect(
      data.slice(0, 2).map((d) => (JSON.parse(d) as { choices: Array<{ delta: { content: string } }> }).choices[0]!.delta.content),
    ).toEqual(['one', 'two']);
    expect(errorOf(data[2]!).eval).toMatchObject({
      kind: 'reset',
      server: upstream.url,
      detail: expect.stringContaining(' mid-stream after 2 chunks'),
    });
    expect(data[3]).toBe('[DONE]');
    await expectNothingOpen(dispatcher, upstream);
  });

  test('never relays half an event before the error event that follows a cut', async () => {
    const { upstream, dispatcher } = await setup(() => ({
      type: 'stream',
      events: [chatChunk('whole')],
      split: true,
      ending: 'reset-mid-event',
    }));
    const data = await events(await send(dispatcher));
    // A half event glued to the error event would not parse.
    expect(data.slice(0, -1).map((d) => Object.keys(JSON.parse(d) as object))).toEqual([
      ['id', 'object', 'created', 'model', 'choices'],
      ['error'],
    ]);
    expect(data.at(-1)).toBe('[DONE]');
    await expectNothingOpen(dispatcher, upstream);
  });

  test('ends a stream that stalls before its first chunk with an idle-timeout event', async () => {
    const { upstream, dispatcher } = await setup(() => ({ type: 'stream', events: [], ending: 'stall' }));
    const data = await events(await send(dispatcher));
    expect(errorOf(data[0]!).eval).toEqual({
      kind: 'timeout-idle',
      server: upstream.url,
      timeoutMs: FAST.idleTimeoutMs,
      detail: ' before the first chunk',
    });
    expect(errorOf(data[0]!).code).toBe(504);
    await expectNothingOpen(dispatcher, upstream);
  });

  test('ends a stream that stalls after its first chunk with an idle-timeout event naming the chunk', async () => {
    const { upstream, dispatcher } = await setup(() => ({ type: 'stream', events: [chatChunk('only')], ending: 'stall' }));
    const data = await events(await send(dispatcher));
    expect(errorOf(data[1]!).eval).toMatchObject({ kind: 'timeout-idle', detail: ' after chunk 1' });
    expect(errorOf(data[1]!).message).toContain(`no data for ${FAST.idleTimeoutMs} ms after chunk 1`);
    await expectNothingOpen(dispatcher, upstream);
  });

  test('answers 504 kind timeout-headers when a streamed request gets no headers', async () => {
    const { upstream, dispatcher } = await setup(() => ({ type: 'stall' }));
    const response = await send(dispatcher);
    expect(response.status).toBe(504);
    expect(((await response.json()) as { error: { eval: unknown } }).error.eval).toMatchObject({
      kind: 'timeout-headers',
      timeoutMs: FAST.headersTimeoutMs,
    });
    await expectNothingOpen(dispatcher, upstream);
  });

  test('lets a plain request wait past the headers deadline: its headers come with the answer', async () => {
    const { upstream, dispatcher } = await setup(() => ({ type: 'json', body: { ok: true }, delayMs: FAST.headersTimeoutMs * 2 }));
    const response = await send(dispatcher, { stream: false });
    expect([response.status, await response.json()]).toEqual([200, { ok: true }]);
    await expectNothingOpen(dispatcher, upstream);
  });

  test('answers 504 kind timeout-total when a plain request never finishes', async () => {
    const timeouts = { ...FAST, requestTimeoutMs: 600 };
    const { upstream, dispatcher } = await setup(() => ({ type: 'stall' }), { timeouts });
    const response = await send(dispatcher, { stream: false });
    expect(response.status).toBe(504);
    expect(((await response.json()) as { error: { eval: unknown } }).error.eval).toMatchObject({ kind: 'timeout-total', timeoutMs: 600 });
    await expectNothingOpen(dispatcher, upstream);
  });

  test('ends a slow but steady stream at the total deadline', async () => {
    const timeouts = { ...FAST, requestTimeoutMs: 700 };
    const { upstream, dispatcher } = await setup(
      () => ({ type: 'stream', events: Array.from({ length: 40 }, () => chatChunk('t')), everyMs: 100 }),
      { timeouts },
    );
    const data = await events(await send(dispatcher));
    const last = errorOf(data.at(-2)!);
    expect(last.eval).toMatchObject({ kind: 'timeout-total', timeoutMs: 700 });
    expect(data.length).toBeLessThan(40);
    await expectNothingOpen(dispatcher, upstream);
  });

  test('relays an upstream 400 in the flat vLLM shape as a nested body the SDK reads', async () => {
    const message =
      "This model's maximum context length is 32768 tokens. However, you requested 1024 output tokens and your prompt contains 32000 input tokens.";
    const { upstream, dispatcher } = await setup(() => ({
      type: 'status',
      status: 400,
      body: JSON.stringify({ object: 'error', message, type: 'BadRequestError', param: null, code: 400 }),
    }));
    const response = await send(dispatcher);
    const body = (await response.json()) as { error: { message: string; type: string; eval: unknown } };
    expect(response.status).toBe(400);
    expect(body.error).toMatchObject({
      message,
      type: 'BadRequestError',
      eval: { kind: 'context-length', status: 400, serverMessage: message, server: upstream.url },
    });
    await expectNothingOpen(dispatcher, upstream);
    expect(dispatcher.stats().failed).toBe(1);
  });

  test('relays an HTML error page as one trimmed line', async () => {
    const page =
      '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';
    const { upstream, dispatcher } = await setup(() => ({ type: 'status', status: 502, body: page, contentType: 'text/html' }));
    const body = (await (await send(dispatcher)).json()) as { error: { message: string } };
    expect(body.error.message).toBe('502 Bad Gateway 502 Bad Gateway nginx');
    await expectNothingOpen(dispatcher, upstream);
  });

  test("keeps a server's retry-after on a relayed error", async () => {
    const { dispatcher } = await setup(() => ({ type: 'status', status: 429, body: '{"error":"busy"}', headers: { 'retry-after': '3' } }));
    expect((await send(dispatcher)).headers.get('retry-after')).toBe('3');
  });

  test('frees the slot of a request the worker abandons while it waits in the queue', async () => {
    const { upstream, dispatcher } = await setup(
      (n) => (n === 1 ? { type: 'stream', events: [chatChunk('a')], ending: 'stall' } : { type: 'json', body: {} }),
      {
        inFlightLimit: 1,
        timeouts: { ...FAST, idleTimeoutMs: 60_000, requestTimeoutMs: 60_000 },
      },
    );
    const first = new AbortController();
    const holding = await send(dispatcher, { stream: true }, first.signal);
    const queued = new AbortController();
    const waiting = send(dispatcher, { stream: true }, queued.signal).catch((e: unknown) => e);
    expect(await waitUntil(() => dispatcher.stats().queued === 1, 2_000, 10)).toBe(true);
    queued.abort();
    await waiting;
    expect(await waitUntil(() => dispatcher.stats().queued === 0, 2_000, 10)).toBe(true);
    first.abort();
    await holding.body?.cancel().catch(() => {});
    await expectNothingOpen(dispatcher, upstream);
    // The abandoned request never reached the server.
    expect(upstream.bodies).toHaveLength(1);
  });

  test('closes the upstream request and frees the slot once when the worker aborts mid-stream', async () => {
    const { upstream, dispatcher } = await setup(() => ({ type: 'stream', events: [chatChunk('a')], ending: 'stall' }), {
      timeouts: { ...FAST, idleTimeoutMs: 60_000 },
    });
    const controller = new AbortController();
    const response = await send(dispatcher, { stream: true }, controller.signal);
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expectNothingOpen(dispatcher, upstream);
    expect([dispatcher.stats().completed, dispatcher.stats().failed]).toEqual([0, 1]);
  });

  test('does not count time queued in the dispatcher against the server deadlines', async () => {
    const slow = { type: 'stream' as const, events: answerEvents(['a', 'b', 'c', 'd', 'e', 'f']), everyMs: 100 };
    // Deadlines with room for a loaded machine (idle 4x the gap between events, total 2x one request's ~0.6 s)...
    const { upstream, dispatcher } = await setup(() => slow, {
      inFlightLimit: 1,
      timeouts: { headersTimeoutMs: 400, idleTimeoutMs: 400, requestTimeoutMs: 1_200 },
    });
    // ...and four requests through one slot: the last waits ~1.8 s, longer than every deadline.
    const results = await Promise.all([1, 2, 3, 4].map(async () => (await events(await send(dispatcher))).at(-1)));
    expect(results).toEqual(['[DONE]', '[DONE]', '[DONE]', '[DONE]']);
    expect(dispatcher.stats().completed).toBe(4);
    await expectNothingOpen(dispatcher, upstream);
  });

  test('names the dead server in the error event when the launched server died mid-stream', async () => {
    let dead = false;
    const { upstream, dispatcher } = await setup(() => ({ type: 'stream', events: [chatChunk('a')], everyMs: 200, ending: 'reset' }), {
      fatalReason: () => (dead ? 'vLLM server died mid-run' : null),
    });
    const response = await send(dispatcher);
    dead = true;
    const data = await events(response);
    expect(errorOf(data[1]!).eval).toMatchObject({ kind: 'server-dead', serverMessage: 'vLLM server died mid-run' });
    await expectNothingOpen(dispatcher, upstream);
  });

  test('relays a healthy stream byte for byte, events split across packets included', async () => {
    const answer = answerEvents(['Hello', ', ', 'world']);
    const { upstream, dispatcher } = await setup(() => ({ type: 'stream', events: answer, split: true }));
    const data = await events(await send(dispatcher));
    expect(data).toEqual([...answer.map((e) => JSON.stringify(e)), '[DONE]']);
    expect(dispatcher.stats().completed).toBe(1);
    await expectNothingOpen(dispatcher, upstream);
  });

  test("relays a server's own error event and counts the request as failed", async () => {
    const engineDead = {
      error: {
        message: 'EngineCore encountered an issue. See stack trace (above) for the root cause.',
        type: 'InternalServerError',
        param: null,
        code: 500,
      },
    };
    const { upstream, dispatcher } = await setup(() => ({ type: 'stream', events: [chatChunk('a'), engineDead] }));
    const data = await events(await send(dispatcher));
    expect(JSON.parse(data[1]!)).toEqual(engineDead);
    await expectNothingOpen(dispatcher, upstream);
    expect([dispatcher.stats().completed, dispatcher.stats().failed]).toEqual([0, 1]);
  });
});
