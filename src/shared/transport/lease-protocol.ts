import { StringDecoder } from 'node:string_decoder';
import { type TryFailure, TryFailureSchema } from './failure.ts';

// Slot leases: the dispatcher (main process) owns the run's in-flight limit; a worker holding a lease sends its
// streamed chat or log-likelihood request straight to the server instead of through the dispatcher's proxy, which
// relayed every answer on the main thread (bench/NOTES.md, "Leases"). One upgraded connection per worker carries small
// text lines both ways, so a lease costs the main process two short messages instead of an HTTP exchange and a relay.
//
//   worker -> dispatcher   `a <id> <session>`          acquire a slot (session: `-` when none)
//                          `r <id> <1|0> [<failure>]`  release it: 1 = answered, 0 = failed (failure JSON, if the server's)
//                          `c <id>`                    cancel an acquire still waiting (the case was aborted)
//   dispatcher -> worker   `g <id> <upstream>`         granted: the server (base URL) to send to
//                          `f <id> <refusal JSON>`     refused: why (the server is dead, the run stopped early), and
//                                                      the server(s) concerned: `{"message": ..., "server": ...}`

/** Path of the upgrade request that opens a worker's lease channel. */
export const LEASE_PATH = '/_eval/leases';
/** `Upgrade` protocol name of the lease channel. */
export const LEASE_PROTOCOL = 'qwen-evals-lease';

/** A message from a worker. */
export type WorkerMessage =
  | { type: 'acquire'; id: number; session: string | null }
  | { type: 'release'; id: number; ok: boolean; failure: TryFailure | null }
  | { type: 'cancel'; id: number };

/** A message from the dispatcher. */
export type DispatcherMessage =
  | { type: 'grant'; id: number; upstream: string }
  | { type: 'refuse'; id: number; message: string; server: string };

export function formatWorkerMessage(message: WorkerMessage): string {
  switch (message.type) {
    case 'acquire':
      return `a ${message.id} ${message.session ?? '-'}\n`;
    case 'release':
      return `r ${message.id} ${message.ok ? 1 : 0}${message.failure ? ` ${JSON.stringify(message.failure)}` : ''}\n`;
    case 'cancel':
      return `c ${message.id}\n`;
  }
}

export function formatDispatcherMessage(message: DispatcherMessage): string {
  if (message.type === 'grant') return `g ${message.id} ${message.upstream}\n`;
  return `f ${message.id} ${JSON.stringify({ message: message.message, server: message.server })}\n`;
}

/** A worker's line as a message; null for a line this protocol does not know (ignored). */
export function parseWorkerMessage(line: string): WorkerMessage | null {
  const [kind, idText, ...rest] = splitFields(line, 3);
  const id = Number(idText);
  if (!Number.isSafeInteger(id)) return null;
  if (kind === 'a') return { type: 'acquire', id, session: rest[0] === undefined || rest[0] === '-' ? null : rest[0] };
  if (kind === 'c') return { type: 'cancel', id };
  if (kind !== 'r') return null;
  const [ok, failureText] = splitFields(rest[0] ?? '', 2);
  const failure = failureText === undefined ? null : TryFailureSchema.safeParse(parseJson(failureText));
  return { type: 'release', id, ok: ok === '1', failure: failure?.success ? failure.data : null };
}

/** The dispatcher's line as a message; null for a line this protocol does not know. */
export function parseDispatcherMessage(line: string): DispatcherMessage | null {
  const [kind, idText, rest] = splitFields(line, 3);
  const id = Number(idText);
  if (!Number.isSafeInteger(id) || rest === undefined) return null;
  if (kind === 'g') return { type: 'grant', id, upstream: rest };
  const refusal = kind === 'f' ? (parseJson(rest) as { message?: unknown; server?: unknown } | undefined) : undefined;
  if (typeof refusal?.message !== 'string' || typeof refusal.server !== 'string') return null;
  return { type: 'refuse', id, message: refusal.message, server: refusal.server };
}

/**
 * Collects lines and writes them once per turn of the event loop (after its I/O callbacks), not one write per line:
 * a write is a system call (measured: 0.1 ms of a worker's CPU each, two per case), and grants come in bursts.
 */
export function batchedWriter(write: (text: string) => void): (line: string) => void {
  let queued = '';
  const flush = () => {
    const text = queued;
    queued = '';
    write(text);
  };
  return (line) => {
    if (queued === '') setImmediate(flush);
    queued += line;
  };
}

/** Complete lines of a byte stream (UTF-8): push what arrived, get the lines it completed. */
export class LineReader {
  #buffered = '';
  // A character split across two reads is completed by the next one.
  #decoder = new StringDecoder('utf8');

  push(bytes: Buffer): string[] {
    this.#buffered += this.#decoder.write(bytes);
    const end = this.#buffered.lastIndexOf('\n');
    if (end === -1) return [];
    const lines = this.#buffered.slice(0, end).split('\n');
    this.#buffered = this.#buffered.slice(end + 1);
    return lines;
  }
}

// The first `count - 1` space-separated fields and the rest of the line as the last.
function splitFields(line: string, count: number): string[] {
  const fields: string[] = [];
  let start = 0;
  while (fields.length < count - 1) {
    const space = line.indexOf(' ', start);
    if (space === -1) break;
    fields.push(line.slice(start, space));
    start = space + 1;
  }
  fields.push(line.slice(start));
  return fields;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
