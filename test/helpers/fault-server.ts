import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny OpenAI-compatible server that misbehaves on purpose, one scripted behaviour per request, and counts the
// requests it still holds open (so a test can prove the dispatcher or client let go of every one).

/** What the server does with one request. */
export type Behaviour =
  /** Streams these SSE `data:` payloads (JSON-encoded unless strings), then ends, resets (after half an event) or stalls. */
  | { type: 'stream'; events: unknown[]; everyMs?: number; ending?: 'end' | 'reset' | 'reset-mid-event' | 'stall'; split?: boolean }
  /** Answers 200 with this JSON after `delayMs`. */
  | { type: 'json'; body: unknown; delayMs?: number }
  /** Answers `status` with this raw body. */
  | { type: 'status'; status: number; body: string; contentType?: string; headers?: Record<string, string> }
  /** Resets the connection before any header. */
  | { type: 'reset' }
  /** Never answers (headers included). */
  | { type: 'stall' };

export interface FaultServer {
  url: string;
  /** Requests received so far, with their parsed JSON bodies. */
  bodies: unknown[];
  /** Headers of the requests received so far, in the same order. */
  headers: http.IncomingHttpHeaders[];
  /** Requests whose response is not closed yet. */
  openRequests(): number;
  close(): Promise<void>;
}

// Start on 127.0.0.1; `behave` picks the behaviour of request number n (1-based).
export async function startFaultServer(behave: (n: number, body: any) => Behaviour): Promise<FaultServer> {
  const bodies: unknown[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  let open = 0;
  const server = http.createServer((req, res) => {
    open += 1;
    res.once('close', () => (open -= 1));
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const text = Buffer.concat(parts).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: kept as text
      }
      bodies.push(body);
      headers.push(req.headers);
      act(behave(bodies.length, body), req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    headers,
    openRequests: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function act(behaviour: Behaviour, req: http.IncomingMessage, res: http.ServerResponse): void {
  switch (behaviour.type) {
    case 'reset':
      return void req.socket.resetAndDestroy();
    case 'stall':
      return;
    case 'status':
      res.writeHead(behaviour.status, { 'content-type': behaviour.contentType ?? 'application/json', ...behaviour.headers });
      return void res.end(behaviour.body);
    case 'json': {
      const send = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(behaviour.body));
      };
      return void (behaviour.delayMs ? setTimeout(send, behaviour.delayMs) : send());
    }
    case 'stream':
      stream(behaviour, req, res);
      return;
  }
}

function stream(behaviour: Extract<Behaviour, { type: 'stream' }>, req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.flushHeaders();
  const frames = behaviour.events.map((e) => `data: ${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`);
  let i = 0;
  let timer: NodeJS.Timeout | undefined;
  res.once('close', () => clearTimeout(timer));
  const next = () => {
    if (res.destroyed) return;
    if (i < frames.length) {
      const frame = frames[i++]!;
      // Split mid-event, as TCP may: the receiver must reassemble.
      if (behaviour.split) {
        const half = Math.floor(frame.length / 2);
        res.write(frame.slice(0, half));
        res.write(frame.slice(half));
      } else res.write(frame);
      timer = setTimeout(next, behaviour.everyMs ?? 0);
      return;
    }
    if (behaviour.ending === 'reset') return void req.socket.resetAndDestroy();
    if (behaviour.ending === 'reset-mid-event') {
      res.write('data: {"choices":[{"index":0,"delta":{"content":"cu');
      return void setTimeout(() => req.socket.resetAndDestroy(), 50);
    }
    if (behaviour.ending === 'stall') return;
    res.end('data: [DONE]\n\n');
  };
  next();
}

/** A chat completion chunk carrying `content` (and a finish reason on the last one). */
export function chatChunk(content: string, finishReason: string | null = null): unknown {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: finishReason }],
  };
}

/** The usage chunk vLLM sends last with `stream_options.include_usage`. */
export function usageChunk(promptTokens: number, completionTokens: number): unknown {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/** The events of a complete streamed answer split into `pieces`, with usage. */
export function answerEvents(pieces: string[], usage: [number, number] = [10, pieces.length]): unknown[] {
  return [...pieces.map((p, i) => chatChunk(p, i === pieces.length - 1 ? 'stop' : null)), usageChunk(...usage)];
}

/** A non-streamed completions answer. */
export function completionBody(text: string, usage: [number, number] | null = [5, 0]): unknown {
  return {
    id: 'cmpl-test',
    object: 'text_completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, text, logprobs: null, finish_reason: 'length' }],
    ...(usage ? { usage: { prompt_tokens: usage[0], completion_tokens: usage[1], total_tokens: usage[0] + usage[1] } } : {}),
  };
}
