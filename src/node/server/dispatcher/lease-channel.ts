import type { Duplex } from 'node:stream';
import type { TryFailure } from '../../../shared/transport/failure.ts';
import { batchedWriter, formatDispatcherMessage, LineReader, parseWorkerMessage } from '../../../shared/transport/lease-protocol.ts';

// The dispatcher's side of one worker's lease channel (protocol: shared/transport/lease-protocol.ts): acquires wait
// for a slot in the same queue as proxied requests, and a worker that goes away gives back every slot it held.

/** A slot of the run's in-flight limit, on one upstream. */
export interface Slot {
  upstream: string;
  /** Give the slot back: `ok` = answered; `failure` = what the server did wrong (absent when the worker gave up). */
  release(ok: boolean, failure?: TryFailure): void;
}

/** What the dispatcher offers a lease channel. */
export interface SlotBroker {
  /**
   * Wait for a slot, then call `granted`, or `refused` with why no request may go (the server is dead, the run
   * stopped early, the server could not start) and the server(s) concerned. Returns a cancel function for an
   * acquire still waiting.
   */
  take(session: string | undefined, granted: (slot: Slot) => void, refused: (message: string, server: string) => void): () => void;
}

/** Serve one upgraded connection; `head` is what arrived with the upgrade request. */
export function serveLeases(socket: Duplex, head: Buffer, broker: SlotBroker): void {
  const held = new Map<number, Slot>();
  const waiting = new Map<number, () => void>();
  const reader = new LineReader();
  let closed = false;
  const send = batchedWriter((text) => {
    if (!closed) socket.write(text);
  });

  const handle = (line: string) => {
    const message = parseWorkerMessage(line);
    if (message === null) return;
    const { id } = message;
    if (message.type === 'acquire') {
      let answered = false;
      const cancel = broker.take(
        message.session ?? undefined,
        (slot) => {
          answered = true;
          waiting.delete(id);
          if (closed) return slot.release(false);
          held.set(id, slot);
          send(formatDispatcherMessage({ type: 'grant', id, upstream: slot.upstream }));
        },
        (reason, server) => {
          answered = true;
          waiting.delete(id);
          send(formatDispatcherMessage({ type: 'refuse', id, message: reason, server }));
        },
      );
      if (!answered) waiting.set(id, cancel);
    } else if (message.type === 'release') {
      const slot = held.get(id);
      held.delete(id);
      slot?.release(message.ok, message.failure ?? undefined);
    } else {
      waiting.get(id)?.();
      waiting.delete(id);
    }
  };

  // Bytes, not strings: an upgraded server socket refuses setEncoding.
  const onBytes = (bytes: Buffer) => {
    for (const line of reader.push(bytes)) handle(line);
  };
  socket.on('data', onBytes);
  socket.on('error', () => {}); // a worker that dies resets its socket; 'close' gives its slots back
  // The HTTP server's sockets stay half-open when the peer ends: a worker that ends its side is gone.
  socket.on('end', () => socket.destroy());
  socket.on('close', () => {
    closed = true;
    for (const cancel of waiting.values()) cancel();
    waiting.clear();
    for (const slot of held.values()) slot.release(false);
    held.clear();
  });
  if (head.length > 0) onBytes(head);
}
