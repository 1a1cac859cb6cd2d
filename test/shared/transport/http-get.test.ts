import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { httpGet } from '../../../src/shared/transport/http-get.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

// A loopback server answering every request with `handle`; resolves to its base URL.
function serve(handle: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handle);
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)),
  );
}

describe('httpGet', () => {
  test('returns the status, headers and whole body of an error answer instead of rejecting', async () => {
    const url = await serve((request, response) => {
      response.writeHead(401, { 'x-vllm-simulated': 'gold', 'content-type': 'application/json' });
      response.write(`{"auth":"${request.headers.authorization}",`);
      setTimeout(() => response.end('"text":"héllo"}'), 5);
    });
    const answer = await httpGet(`${url}/v1/models`, { headers: { authorization: 'Bearer k' } });
    expect([answer.status, answer.ok]).toEqual([401, false]);
    expect(answer.headers['x-vllm-simulated']).toBe('gold');
    expect(JSON.parse(answer.text)).toEqual({ auth: 'Bearer k', text: 'héllo' });
  });

  test('rejects naming the request when no whole answer comes within the timeout', { timeout: 5_000 }, async () => {
    const url = await serve(() => {});
    const started = Date.now();
    await expect(httpGet(`${url}/metrics`, { timeoutMs: 50 })).rejects.toThrow(`GET ${url}/metrics: no answer within 50 ms`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('counts the body in the timeout: an answer that stalls after its headers is rejected', { timeout: 5_000 }, async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200);
      response.write('# HELP partial');
    });
    await expect(httpGet(`${url}/metrics`, { timeoutMs: 50 })).rejects.toThrow(`GET ${url}/metrics: no answer within 50 ms`);
  });

  test('leaves no timer behind once the answer has come', async () => {
    const url = await serve((_request, response) => response.end('{}'));
    // httpGet's own timer, told apart by its timeout: other tests' timers in this thread come and go meanwhile.
    const [realSet, realClear] = [globalThis.setTimeout, globalThis.clearTimeout];
    const started: unknown[] = [];
    const cleared: unknown[] = [];
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      const timer = realSet(callback, ms);
      if (ms === 60_000) started.push(timer);
      return timer;
    }) as typeof setTimeout);
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((timer?: NodeJS.Timeout) => {
      cleared.push(timer);
      realClear(timer);
    }) as typeof clearTimeout);
    try {
      expect((await httpGet(`${url}/version`, { timeoutMs: 60_000 })).ok).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      vi.restoreAllMocks();
    }
    expect(started).toHaveLength(1);
    expect(cleared).toContain(started[0]);
  });

  test('rejects when nothing listens', async () => {
    const url = await serve(() => {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(httpGet(`${url}/version`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
