import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { APIError } from 'openai';
import { afterEach, describe, expect, test } from 'vitest';
import { createChatStreamTransport } from '../../../src/runtime/client/chat-stream.ts';

// The streamed-chat transport on node:http reads what the openai SDK read and fails as the SDK failed.

let server: http.Server | undefined;
afterEach(
  () =>
    new Promise<void>((done) => {
      if (!server) return done();
      server.close(() => done());
      // Keep-alive connections the client still holds would hold close() for the server's idle timeout.
      server.closeAllConnections();
    }),
);

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function sse(res: http.ServerResponse, raw: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'x-upstream': 'up-1' });
  res.end(raw);
}

const chunk = (content: string) => JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });

async function collect(baseUrl: string, signal = new AbortController().signal): Promise<string[]> {
  const transport = createChatStreamTransport({ baseUrl, apiKey: null, server: 'sim' });
  const stream = await transport.post({ stream: true }, { signal });
  const texts: string[] = [];
  await stream.read((c) => texts.push(c.choices[0]?.delta?.content ?? ''));
  return texts;
}

describe('streamed chat transport', () => {
  test('reads data events with LF or CRLF line ends, skips comments and stops at [DONE]', async () => {
    const url = await serve((_, res) =>
      sse(res, `: keep-alive\n\ndata: ${chunk('a')}\n\ndata: ${chunk('b')}\r\n\r\ndata: [DONE]\n\ndata: ${chunk('late')}\n\n`),
    );
    expect(await collect(url)).toEqual(['a', 'b']);
  });

  test('joins an event split across network writes', async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const text = `data: ${chunk('split')}\n\ndata: [DONE]\n\n`;
      res.write(text.slice(0, 9));
      setTimeout(() => res.end(text.slice(9)), 20);
    });
    expect(await collect(url)).toEqual(['split']);
  });

  test('sends the headers and body it is given, with the bearer key', async () => {
    let seen: { auth?: string; session?: string; body?: string } = {};
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (part) => (body += part));
      req.on('end', () => {
        seen = { auth: req.headers.authorization, session: req.headers['x-session'] as string, body };
        sse(res, 'data: [DONE]\n\n');
      });
    });
    const transport = createChatStreamTransport({ baseUrl: url, apiKey: 'k1', server: 'sim' });
    const stream = await transport.post(
      { model: 'm', stream: true },
      { signal: new AbortController().signal, headers: { 'x-session': 's1' } },
    );
    await stream.read(() => {});
    expect(seen).toEqual({ auth: 'Bearer k1', session: 's1', body: '{"model":"m","stream":true}' });
    expect(stream.header('X-Upstream')).toBe('up-1');
  });

  test("an HTTP error is the SDK's APIError with the status and the server's message", async () => {
    const url = await serve((_, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'error', message: "This model's maximum context length is 32768 tokens", code: 400 }));
    });
    const error = await collect(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(400);
    expect((error as APIError).message).toContain('maximum context length is 32768 tokens');
  });

  test('an error event inside a started stream is an APIError without a status', async () => {
    const url = await serve((_, res) => sse(res, `data: ${chunk('a')}\n\ndata: {"error":{"message":"engine dead","code":500}}\n\n`));
    const error = await collect(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBeUndefined();
    expect((error as APIError).message).toContain('engine dead');
  });

  test('a body that is not JSON is a SyntaxError, and a cut connection is an error with its socket code', async () => {
    const garbled = await serve((_, res) => sse(res, 'data: {not json\n\n'));
    expect(await collect(garbled).catch((e: unknown) => e)).toBeInstanceOf(SyntaxError);
    await new Promise<void>((done) => server!.close(() => done()));
    const cut = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${chunk('a')}\n\n`);
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = (await collect(cut).catch((e: unknown) => e)) as NodeJS.ErrnoException;
    expect(error.code).toBe('ECONNRESET');
  });

  test('an abort mid-stream ends the chunks quietly, leaving the verdict to the caller', async () => {
    const controller = new AbortController();
    const url = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${chunk('a')}\n\n`);
    });
    const transport = createChatStreamTransport({ baseUrl: url, apiKey: null, server: 'sim' });
    const stream = await transport.post({}, { signal: controller.signal });
    const texts: string[] = [];
    await stream.read((c) => {
      texts.push(c.choices[0]?.delta?.content ?? '');
      controller.abort();
    });
    expect(texts).toEqual(['a']);
  });

  test("an abort before the response headers rejects with the signal's reason and closes the connection", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((done) => (closed = done));
    const url = await serve((req) => req.socket.on('close', closed));
    const controller = new AbortController();
    const transport = createChatStreamTransport({ baseUrl: url, apiKey: null, server: 'sim' });
    const pending = transport.post({}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('deadline')), 20);
    await expect(pending).rejects.toThrow('deadline');
    await connectionClosed;
  });

  test('settles at [DONE] without waiting for the end of the body, then reuses the connection', async () => {
    const ports = new Set<number>();
    let requests = 0;
    let bodiesEnded = 0;
    let firstBodyEnded: () => void = () => {};
    const firstEnd = new Promise<void>((done) => (firstBodyEnded = done));
    const url = await serve((req, res) => {
      ports.add(req.socket.remotePort!);
      requests += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${chunk('a')}\n\ndata: [DONE]\n\n`);
      setTimeout(() => {
        res.end();
        bodiesEnded += 1;
        firstBodyEnded();
      }, 1_000);
    });
    const transport = createChatStreamTransport({ baseUrl: url, apiKey: null, server: 'sim' });
    const read = async () => {
      const texts: string[] = [];
      await (await transport.post({}, { signal: new AbortController().signal })).read((c) =>
        texts.push(c.choices[0]?.delta?.content ?? ''),
      );
      return texts;
    };
    expect(await read()).toEqual(['a']);
    expect(bodiesEnded).toBe(0);
    // Once the first body has ended (and the client has read its end), its connection is free for the next request.
    await firstEnd;
    await new Promise((done) => setTimeout(done, 100));
    expect(await read()).toEqual(['a']);
    expect({ requests, connections: ports.size }).toEqual({ requests: 2, connections: 1 });
  });
});
