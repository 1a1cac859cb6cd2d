import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { APIError } from 'openai/error';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { normaliseErrorBody } from '../../shared/transport/normalise-error.ts';

// Streamed chat requests, the harness's hot path, on node:http with a keep-alive pool and a small SSE reader instead
// of the openai SDK's `stream: true` (fetch, web streams, its SSE decoder): measured on 2 cores, 2.1 ms of client CPU
// per streamed answer through the SDK against 0.5 ms on node:http (bench/client-cpu.bench-test.ts, bench/NOTES.md),
// most of the harness's per-case cost. Errors stay the SDK's: an HTTP error is `APIError.generate` of the body, an
// error event inside a stream is an `APIError` without status, as the SDK throws them, so classification is unchanged.
// Everything else (plain chat, completions, the judge) still goes through the SDK.

/** A streamed chat response: its headers, then its chunks until `[DONE]` or the end of the body. */
export interface ChatStream {
  header(name: string): string | null;
  /**
   * Calls `onChunk` with each chunk as it arrives; settles at `[DONE]` or the end of the body, quietly when the
   * request's signal aborted. A callback rather than an async iterator: one promise per response instead of one per
   * chunk and the stream's own iterator (0.15 ms of client CPU per streamed answer, measured on 2 cores).
   */
  read(onChunk: (chunk: ChatCompletionChunk) => void): Promise<void>;
}

/** Sends streamed chat requests to one OpenAI-compatible base URL (with `/v1`). */
export interface ChatStreamTransport {
  post(body: Record<string, unknown>, options: { signal: AbortSignal; headers?: Record<string, string> | undefined }): Promise<ChatStream>;
}

export function createChatStreamTransport(options: { baseUrl: string; apiKey: string | null; server: string }): ChatStreamTransport {
  const url = new URL(`${options.baseUrl}/v1/chat/completions`);
  const secure = url.protocol === 'https:';
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY })
    : new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  // Options resolved once rather than from the URL on every request.
  const target = { ...urlToHttpOptions(url), method: 'POST', agent };
  const baseHeaders = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    authorization: `Bearer ${options.apiKey ?? 'EMPTY'}`,
  };
  return {
    post: (body, { signal, headers }) =>
      new Promise<ChatStream>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const payload = JSON.stringify(body);
        const request = (secure ? https : http).request({
          ...target,
          headers: { ...baseHeaders, ...headers, 'content-length': Buffer.byteLength(payload) },
        });
        // The signal ends the request through one listener, gone with the request: http.request's own `signal`
        // option tracks the request's end of stream, 0.15 ms of CPU per request on Node 20 (2 cores).
        const onAbort = () => request.destroy(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        request.once('close', () => signal.removeEventListener('abort', onAbort));
        request.on('error', (error) => reject(signal.aborted ? signal.reason : error));
        request.on('response', (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve({
              header: (name) => headerValue(response.headers[name.toLowerCase()]),
              read: (onChunk) => readChunks(response, signal, onChunk),
            });
            return;
          }
          readText(response).then((text) => {
            const errorBody = normaliseErrorBody(status, text, options.server);
            reject(APIError.generate(status, errorBody, undefined, toHeaders(response.rawHeaders)));
          }, reject);
        });
        request.end(payload);
      }),
  };
}

// The `data:` events of an SSE body as parsed JSON, as the SDK reads them: `[DONE]` ends the stream, an event with an
// `error` throws it as an APIError, a body that is not JSON throws a SyntaxError, a connection cut before the end of
// the body is the socket's error. An abort ends the stream quietly, as with the SDK (the caller looks at its signal).
// After `[DONE]` the rest of the body is read and dropped, so that the connection goes back to the keep-alive pool.
function readChunks(response: http.IncomingMessage, signal: AbortSignal, onChunk: (chunk: ChatCompletionChunk) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let buffered = '';
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      if (error === undefined || signal.aborted) resolve();
      else {
        if (!response.complete) response.destroy();
        reject(error);
      }
    };
    response.setEncoding('utf8');
    response.on('data', (part: string) => {
      if (settled) return;
      buffered += part;
      try {
        let end = eventEnd(buffered);
        while (end !== null) {
          const data = eventData(buffered.slice(0, end.index));
          buffered = buffered.slice(end.index + end.length);
          if (data !== null) {
            if (data.startsWith('[DONE]')) return settle();
            const chunk = JSON.parse(data) as ChatCompletionChunk & { error?: unknown };
            if (chunk?.error) throw new APIError(undefined, chunk.error as object, undefined, toHeaders(response.rawHeaders));
            onChunk(chunk);
          }
          end = eventEnd(buffered);
        }
      } catch (error) {
        settle(error);
      }
    });
    response.on('end', () => settle());
    response.on('error', (error) => settle(error));
    // Closed without its end and without an error: cut short, as the stream's iterator reports it.
    response.on('close', () => {
      if (!response.complete) settle(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    });
  });
}

// Where the first event ends: a blank line, with `\n` or `\r\n` line ends.
function eventEnd(text: string): { index: number; length: number } | null {
  const lf = text.indexOf('\n\n');
  const crlf = text.indexOf('\r\n\r\n');
  if (lf === -1 && crlf === -1) return null;
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { index: crlf, length: 4 };
  return { index: lf, length: 2 };
}

// The event's data lines joined (SSE allows several), or null for an event without data (a comment, a retry).
function eventData(event: string): string | null {
  let data: string | null = null;
  for (const line of event.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
    data = data === null ? value : `${data}\n${value}`;
  }
  return data;
}

async function readText(response: http.IncomingMessage): Promise<string> {
  response.setEncoding('utf8');
  let text = '';
  for await (const part of response as AsyncIterable<string>) text += part;
  return text;
}

function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
