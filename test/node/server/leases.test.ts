import http from 'node:http';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { type DispatcherOptions, startDispatcher } from '../../../src/node/server/dispatcher.ts';
import { createEvalClient, type SamplingParams } from '../../../src/runtime/client/chat.ts';
import { type Lease, leaseChannelTo, type LeaseResult } from '../../../src/runtime/client/lease-client.ts';
import { LEASE_PATH, LEASE_PROTOCOL } from '../../../src/shared/transport/lease-protocol.ts';
import { answerEvents, completionBody, startFaultServer } from '../../helpers/fault-server.ts';

// Slot leases: workers take slots of the run's in-flight limit from the dispatcher and send streamed chat straight
// to the server; the dispatcher still owns the limit, the failure budget and the counts.

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const SAMPLING: SamplingParams = { temperature: 0, topP: 1, seed: 1, maxTokens: 50 };

async function setup(options: Partial<DispatcherOptions> = {}) {
  const upstream = await startFaultServer((_n, body: { stream?: boolean }) =>
    body.stream ? { type: 'stream', events: answerEvents(['4', '2']) } : { type: 'json', body: completionBody('ctx cont') },
  );
  closers.push(upstream.close);
  const dispatcher = await startDispatcher({ upstreams: [upstream.url], inFlightLimit: 2, ...options });
  closers.push(dispatcher.close);
  return { upstream, dispatcher };
}

function isLease(result: LeaseResult): result is Lease {
  return result !== null && 'upstream' in result;
}

// Resolves when the promise settles within `ms`, else 'pending'.
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

// A raw lease channel, as a worker thread that dies would leave it.
function openRawChannel(baseUrl: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${baseUrl}${LEASE_PATH}`, { headers: { connection: 'Upgrade', upgrade: LEASE_PROTOCOL }, agent: false });
    request.on('upgrade', (_response, socket: Duplex) => resolve(socket));
    request.on('response', () => reject(new Error('no upgrade')));
    request.on('error', reject);
    request.end();
  });
}

describe('slot leases', () => {
  test('a streamed chat goes straight to the server under a lease, counted by the dispatcher', async () => {
    const { upstream, dispatcher } = await setup();
    const client = createEvalClient({ baseUrl: dispatcher.baseUrl, model: 'm', leases: true });
    const answer = await client.chat([{ role: 'user', content: 'hi' }], SAMPLING);
    expect(answer.text).toBe('42');
    // The proxy asks upstream for an uncompressed body; the client's own request does not.
    expect(upstream.headers[0]!['accept-encoding']).toBeUndefined();
    await expect.poll(() => dispatcher.stats()).toMatchObject({ requests: 1, leased: 1, completed: 1, inFlight: 0 });
  });

  test('a log-likelihood completion goes straight to the server under a lease too', async () => {
    const { upstream, dispatcher } = await setup();
    const client = createEvalClient({ baseUrl: dispatcher.baseUrl, model: 'm', leases: true });
    const answer = await client.complete('ctx cont', { maxTokens: 0, echo: true, logprobs: 1 });
    expect(answer.text).toBe('ctx cont');
    expect(upstream.headers[0]!['accept-encoding']).not.toBe('identity');
    await expect.poll(() => dispatcher.stats()).toMatchObject({ requests: 1, leased: 1, completed: 1, inFlight: 0 });
  });

  test('leases wait for a slot of the one in-flight limit, and a release lets the next one go', async () => {
    const { dispatcher } = await setup();
    const channel = leaseChannelTo(dispatcher.baseUrl);
    const first = await channel.acquire(null, undefined);
    const second = await channel.acquire('session-a', undefined);
    const third = channel.acquire(null, undefined);
    expect(await within(third, 200)).toBe('pending');
    expect(dispatcher.stats()).toMatchObject({ inFlight: 2, queued: 1 });
    if (!isLease(first) || !isLease(second)) throw new Error('expected two leases');
    first.release(true);
    const granted = await third;
    expect(isLease(granted)).toBe(true);
    second.release(true);
    if (isLease(granted)) granted.release(false, { kind: 'reset', server: granted.upstream });
    await expect.poll(() => dispatcher.stats()).toMatchObject({ inFlight: 0, completed: 2, failed: 1 });
  });

  test('an acquire aborted while it waits takes no slot', async () => {
    const { dispatcher } = await setup({ inFlightLimit: 1 });
    const channel = leaseChannelTo(dispatcher.baseUrl);
    const held = await channel.acquire(null, undefined);
    const controller = new AbortController();
    const waiting = channel.acquire(null, controller.signal);
    controller.abort(new Error('case timed out'));
    await expect(waiting).rejects.toThrow('case timed out');
    if (isLease(held)) held.release(true);
    await expect.poll(() => dispatcher.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  test('a worker that goes away gives back every slot it held or waited for', async () => {
    const { dispatcher } = await setup();
    const socket = await openRawChannel(dispatcher.baseUrl);
    socket.write('a 1 -\na 2 -\na 3 -\n');
    await expect.poll(() => dispatcher.stats()).toMatchObject({ inFlight: 2, queued: 1 });
    socket.destroy();
    await expect.poll(() => dispatcher.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  test('a lease is refused with the reason once the server is known dead', async () => {
    const { upstream, dispatcher } = await setup({ fatalReason: () => 'vLLM exited with code 1 (CUDA out of memory)' });
    const result = await leaseChannelTo(dispatcher.baseUrl).acquire(null, undefined);
    expect(result).toEqual({ refused: 'vLLM exited with code 1 (CUDA out of memory)', server: upstream.url });
  });

  test('no leases while answers must pass through the dispatcher (a replay): the client uses the proxy', async () => {
    const { dispatcher } = await setup({ offline: 'EVAL_REPLAY runs no server' });
    expect(await leaseChannelTo(dispatcher.baseUrl).acquire(null, undefined)).toBeNull();
  });
});
