import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { AFFINITY_SLACK, SessionAffinity } from '../../../src/node/server/dispatcher/session-affinity.ts';

const replicas = (...loads: number[]) => loads.map((inFlight, i) => ({ url: `r${i}`, inFlight }));

describe('session affinity over replicas', () => {
  test('a request without a session goes to the least-loaded replica', () => {
    expect(new SessionAffinity().pick(replicas(3, 1, 2), undefined).url).toBe('r1');
  });

  test("a session's next request goes back to its replica while that is not much busier", () => {
    const affinity = new SessionAffinity();
    expect(affinity.pick(replicas(0, 1), 's').url).toBe('r0');
    expect(affinity.pick(replicas(AFFINITY_SLACK, 0), 's').url).toBe('r0');
  });

  test('a session moves to the least-loaded replica once its own is busier by more than the slack', () => {
    const affinity = new SessionAffinity();
    affinity.pick(replicas(0, 1), 's');
    expect(affinity.pick(replicas(AFFINITY_SLACK + 1, 0), 's').url).toBe('r1');
    expect(affinity.pick(replicas(0, 0), 's').url).toBe('r1');
  });
});

describe('the dispatcher with sessions', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  async function upstream(name: string) {
    const server = http.createServer((req, res) => {
      req.resume();
      setTimeout(() => res.end(JSON.stringify({ name })), 5);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => server.close(() => r())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test('sends every turn of a session to one replica, and spreads the sessions', async () => {
    const dispatcher = await startDispatcher({ upstreams: [await upstream('a'), await upstream('b')], inFlightLimit: 8 });
    closers.push(dispatcher.close);
    const ask = async (session: string) => {
      const response = await fetch(`${dispatcher.baseUrl}/v1/chat/completions`, {
        method: 'POST',
        body: '{}',
        headers: { 'x-session-id': session },
      });
      return ((await response.json()) as { name: string }).name;
    };
    const sessions = ['s1', 's2', 's3', 's4'];
    const first = await Promise.all(sessions.map(ask));
    const second = await Promise.all(sessions.map(ask));
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['a', 'b']));
  });
});
