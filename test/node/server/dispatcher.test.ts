import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { startDispatcher, type Dispatcher } from '../../../src/node/server/dispatcher.ts';
import type { GateHistory } from '../../../src/shared/context.ts';

// A fake upstream that holds each generation request for `holdMs` and records the peak concurrency.
async function startUpstream(holdMs: number) {
  let active = 0;
  let peak = 0;
  const server = http.createServer((req, res) => {
    active += 1;
    peak = Math.max(peak, active);
    req.resume();
    setTimeout(() => {
      active -= 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ port: (server.address() as AddressInfo).port }));
    }, holdMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    peak: () => peak,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function post(dispatcher: Dispatcher, path = '/v1/chat/completions') {
  const response = await fetch(`${dispatcher.baseUrl}${path}`, { method: 'POST', body: '{}' });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { port?: number; error: { message: string } },
  };
}

describe('dispatcher', () => {
  test('never has more generation requests in flight than its limit', async () => {
    const upstream = await startUpstream(100);
    closers.push(upstream.close);
    const dispatcher = await startDispatcher({ upstreams: [upstream.url], inFlightLimit: 4 });
    closers.push(dispatcher.close);
    await Promise.all(Array.from({ length: 20 }, () => post(dispatcher)));
    expect(upstream.peak()).toBe(4);
    expect(dispatcher.stats().completed).toBe(20);
  });

  test('keeps the limit full while requests wait', async () => {
    const upstream = await startUpstream(200);
    closers.push(upstream.close);
    const dispatcher = await startDispatcher({ upstreams: [upstream.url], inFlightLimit: 5 });
    closers.push(dispatcher.close);
    // 25 requests, 5 at a time, the dispatcher's counts sampled as it goes: whenever a request waits, all 5 slots are
    // taken. (A time-weighted mean would measure this machine's scheduling as much as the dispatcher.)
    const samples: Array<{ inFlight: number; queued: number }> = [];
    const sampler = setInterval(() => {
      const { inFlight, queued } = dispatcher.stats();
      samples.push({ inFlight, queued });
    }, 1);
    try {
      await Promise.all(Array.from({ length: 25 }, () => post(dispatcher)));
    } finally {
      clearInterval(sampler);
    }
    const waiting = samples.filter((s) => s.queued > 0);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.filter((s) => s.inFlight !== 5)).toEqual([]);
    expect(Math.max(...samples.map((s) => s.inFlight))).toBe(5);
    expect(dispatcher.stats()).toMatchObject({ completed: 25, inFlight: 0, queued: 0 });
  });

  test('spreads requests over replicas by least load', async () => {
    const a = await startUpstream(200);
    const b = await startUpstream(200);
    closers.push(a.close, b.close);
    const dispatcher = await startDispatcher({ upstreams: [a.url, b.url], inFlightLimit: 8 });
    closers.push(dispatcher.close);
    const results = await Promise.all(Array.from({ length: 16 }, () => post(dispatcher)));
    const ports = new Set(results.map((r) => r.body.port));
    expect(ports.size).toBe(2);
    expect(a.peak()).toBe(4);
    expect(b.peak()).toBe(4);
  });

  test('answers 503 with no-retry and the reason once the server is known dead', async () => {
    const upstream = await startUpstream(1);
    closers.push(upstream.close);
    const dispatcher = await startDispatcher({
      upstreams: [upstream.url],
      inFlightLimit: 2,
      fatalReason: () => 'vLLM died: last lines ...',
    });
    closers.push(dispatcher.close);
    const result = await post(dispatcher);
    expect(result.status).toBe(503);
    expect(result.headers.get('x-should-retry')).toBe('false');
    expect(result.body.error.message).toBe('vLLM died: last lines ...');
  });

  test("tells worker connection pools it keeps idle connections for 10 minutes, not Node's 5 s", async () => {
    // Undici (the workers' fetch) drops an idle socket shortly before the server's advertised timeout; with Node's 5 s
    // default a worker thread starved on a loaded machine reused sockets the server had just closed.
    const upstream = await startUpstream(1);
    closers.push(upstream.close);
    const dispatcher = await startDispatcher({ upstreams: [upstream.url], inFlightLimit: 2 });
    closers.push(dispatcher.close);
    const result = await post(dispatcher);
    expect(result.headers.get('keep-alive')).toBe('timeout=600');
  });
});

describe('the history route the gates ask', () => {
  const control = (history: () => Promise<GateHistory>) => ({
    status: () => Promise.reject(new Error('no server in this test')),
    lastStatus: () => null,
    simulatorStats: async () => null,
    serverMetrics: async () => null,
    selectedFiles: () => null,
    history,
  });

  test('answers with the history the main process read, once it is read', async () => {
    let resolve!: (history: GateHistory) => void;
    const read = new Promise<GateHistory>((r) => (resolve = r));
    const dispatcher = await startDispatcher({ upstreams: [], inFlightLimit: 1, control: control(() => read) });
    closers.push(dispatcher.close);
    const asked = fetch(`${dispatcher.baseUrl}/_eval/history`);
    const history: GateHistory = {
      baseline: { source: 'history', description: 'results/runs on branch main', candidates: [] },
      unstable: { 'gsm8k/0shot': ['7'] },
    };
    resolve(history);
    const response = await asked;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(history);
  });

  test('answers 500 with the reason when the history could not be read', async () => {
    const dispatcher = await startDispatcher({
      upstreams: [],
      inFlightLimit: 1,
      control: control(() => Promise.reject(new Error('Cannot list run history in /r/runs: EACCES'))),
    });
    closers.push(dispatcher.close);
    const response = await fetch(`${dispatcher.baseUrl}/_eval/history`);
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/EACCES/);
  });
});
