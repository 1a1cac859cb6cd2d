import http from 'node:http';
import type { Duplex } from 'node:stream';
import { memoizeByKey } from '../../shared/memoize-by-key.ts';
import { followAbort } from './follow-abort.ts';
import type { TryFailure } from '../../shared/transport/failure.ts';
import {
  batchedWriter,
  formatWorkerMessage,
  LEASE_PATH,
  LEASE_PROTOCOL,
  LineReader,
  parseDispatcherMessage,
  type WorkerMessage,
} from '../../shared/transport/lease-protocol.ts';

// The worker's side of its lease channel to the run's dispatcher (protocol: shared/transport/lease-protocol.ts). A
// dispatcher that offers no leases (response cache on, replay) or a channel that breaks sends the worker back to the
// proxy: leases are a fast path, never a requirement.

/** A slot of the run's in-flight limit: send one try to `upstream`, then release it once. */
export interface Lease {
  /** The server's base URL, as the dispatcher knows it. */
  upstream: string;
  release(ok: boolean, failure?: TryFailure): void;
}

/** What an acquire gives: a lease, why no request may go (`refused`), or null to use the proxy instead. */
export type LeaseResult = Lease | { refused: string; server: string } | null;

/** A worker's lease channel to one dispatcher. */
export interface LeaseChannel {
  /** Wait for a slot; rejects with the signal's reason when it aborts first. */
  acquire(session: string | null, signal: AbortSignal | undefined): Promise<LeaseResult>;
}

/** The lease channel of this worker to a dispatcher (by URL), opened on first use and shared by every client. */
export const leaseChannelTo: (dispatcherUrl: string) => LeaseChannel = memoizeByKey((dispatcherUrl) => openLeaseChannel(dispatcherUrl));

function openLeaseChannel(dispatcherUrl: string): LeaseChannel {
  let socket: Duplex | null = null;
  // null until the upgrade is answered; false when the dispatcher offers no leases or the channel broke.
  let usable: Promise<boolean> | null = null;
  let nextId = 1;
  // Acquires waiting for their answer, by id.
  const pending = new Map<number, (result: LeaseResult) => void>();

  const connect = (): Promise<boolean> =>
    new Promise((resolve) => {
      const request = http.request(`${dispatcherUrl}${LEASE_PATH}`, {
        headers: { connection: 'Upgrade', upgrade: LEASE_PROTOCOL },
        agent: false,
      });
      request.on('upgrade', (_response, upgraded: Duplex, head: Buffer) => {
        socket = upgraded;
        const reader = new LineReader();
        const onBytes = (bytes: Buffer) => {
          for (const line of reader.push(bytes)) {
            const message = parseDispatcherMessage(line);
            if (!message) continue;
            const waiter = pending.get(message.id);
            // A grant that crossed its cancel on the wire: the slot goes straight back.
            if (!waiter && message.type === 'grant') send({ type: 'release', id: message.id, ok: false, failure: null });
            if (!waiter) continue;
            pending.delete(message.id);
            if (message.type === 'refuse') waiter({ refused: message.message, server: message.server });
            else waiter(leaseFor(message.id, message.upstream));
          }
        };
        upgraded.on('data', onBytes);
        upgraded.on('error', () => {});
        upgraded.on('end', () => upgraded.destroy());
        upgraded.on('close', () => {
          // The dispatcher closed (the run ended) or the channel broke: waiting acquires go through the proxy.
          usable = Promise.resolve(false);
          socket = null;
          for (const waiter of pending.values()) waiter(null);
          pending.clear();
        });
        // The channel must not keep a worker alive on its own.
        (upgraded as Duplex & { unref?: () => void }).unref?.();
        if (head.length > 0) onBytes(head);
        resolve(true);
      });
      request.on('response', (response) => {
        response.resume();
        resolve(false);
      });
      request.on('error', () => resolve(false));
      request.end();
    });

  const write = batchedWriter((text) => socket?.write(text));
  const send = (message: WorkerMessage) => write(formatWorkerMessage(message));

  const leaseFor = (id: number, upstream: string): Lease => {
    let released = false;
    return {
      upstream,
      release: (ok, failure) => {
        if (released) return;
        released = true;
        send({ type: 'release', id, ok, failure: failure ?? null });
      },
    };
  };

  return {
    async acquire(session, signal) {
      usable ??= connect();
      if (!(await usable) || socket === null) return null;
      signal?.throwIfAborted();
      const id = nextId++;
      return new Promise<LeaseResult>((resolve, reject) => {
        const unfollow = signal
          ? followAbort(signal, () => {
              pending.delete(id);
              send({ type: 'cancel', id });
              reject(signal.reason);
            })
          : null;
        pending.set(id, (result) => {
          unfollow?.();
          // Granted after the caller gave up: give the slot straight back.
          if (signal?.aborted && result !== null && 'upstream' in result) result.release(false);
          resolve(result);
        });
        send({ type: 'acquire', id, session });
      });
    },
  };
}
