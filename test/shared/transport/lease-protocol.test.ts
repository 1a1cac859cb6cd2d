import { describe, expect, test } from 'vitest';
import {
  type DispatcherMessage,
  formatDispatcherMessage,
  formatWorkerMessage,
  LineReader,
  parseDispatcherMessage,
  parseWorkerMessage,
  type WorkerMessage,
} from '../../../src/shared/transport/lease-protocol.ts';

describe('the lease protocol', () => {
  test('carries every worker message through its line unchanged, failures with spaces included', () => {
    const messages: WorkerMessage[] = [
      { type: 'acquire', id: 1, session: 'qe-0123456789abcdef01234567' },
      { type: 'acquire', id: 2, session: null },
      { type: 'release', id: 1, ok: true, failure: null },
      {
        type: 'release',
        id: 2,
        ok: false,
        failure: { kind: 'reset', server: 'http://h:8000', detail: ' mid-stream after 3 chunks (ECONNRESET: aborted)' },
      },
      { type: 'cancel', id: 3 },
    ];
    for (const message of messages) expect(parseWorkerMessage(formatWorkerMessage(message).trimEnd())).toEqual(message);
  });

  test('carries grants and refusals, a refusal with its reason and server', () => {
    const messages: DispatcherMessage[] = [
      { type: 'grant', id: 7, upstream: 'http://127.0.0.1:8000' },
      { type: 'refuse', id: 8, message: 'vLLM exited with code 1: "CUDA out of memory"\nlast line', server: 'http://127.0.0.1:8000' },
    ];
    for (const message of messages) expect(parseDispatcherMessage(formatDispatcherMessage(message).trimEnd())).toEqual(message);
  });

  test('ignores lines it does not know', () => {
    expect(parseWorkerMessage('x 1')).toBeNull();
    expect(parseWorkerMessage('a one -')).toBeNull();
    expect(parseDispatcherMessage('f 1 not-json')).toBeNull();
  });

  test('reads lines split across chunks, a character split between two included', () => {
    const reader = new LineReader();
    const bytes = Buffer.from('g 1 http://h\nf 2 {"message":"é","server":"s"}\n');
    const split = bytes.indexOf(Buffer.from('é')) + 1;
    expect(reader.push(bytes.subarray(0, split))).toEqual(['g 1 http://h']);
    expect(reader.push(bytes.subarray(split))).toEqual(['f 2 {"message":"é","server":"s"}']);
  });
});
