import { describe, expect, test } from 'vitest';
import { isFatalServerError } from '../../../src/runtime/client/chat.ts';
import { createRequestError } from '../../../src/shared/transport/failure.ts';
import { describeError, RequestError } from '../../../src/shared/errors.ts';

const server = 'http://gpu-7:8000';

describe('RequestError', () => {
  test("names the server, the status and the server's message of an HTTP error", () => {
    const error = createRequestError({ kind: 'http', server, status: 503, serverMessage: 'Service Unavailable' }, 3);
    expect(error.message).toBe(`Request to ${server} failed after 3 tries: HTTP 503: Service Unavailable`);
    expect([error.code, error.status, error.tries]).toEqual(['EVAL_REQUEST_FAILED', 503, 3]);
  });

  test('says a too-long prompt is not retried and how to fix it', () => {
    const error = createRequestError(
      { kind: 'context-length', server, status: 400, serverMessage: "This model's maximum context length is 32768 tokens." },
      1,
    );
    expect(error.message).toBe(
      `Request to ${server} failed after 1 try: HTTP 400, the prompt does not fit the model's context (not retried; shorten the prompt or lower \`sampling.maxTokens\`): This model's maximum context length is 32768 tokens.`,
    );
  });

  test('names the total timeout, its value and its variable', () => {
    const error = createRequestError({ kind: 'timeout-total', server, timeoutMs: 5000, detail: ' of sending (12 chunks relayed)' }, 3);
    expect(error.message).toBe(
      `Request to ${server} failed after 3 tries: not finished within 5000 ms of sending (12 chunks relayed) (request timeout; raise it with EVAL_REQUEST_TIMEOUT_MS or \`client.requestTimeoutMs\`)`,
    );
  });

  test('reports a refused connection with the question to ask', () => {
    expect(createRequestError({ kind: 'refused', server, detail: ' (ECONNREFUSED: connect ECONNREFUSED 10.0.0.7:8000)' }, 3).message).toBe(
      `Request to ${server} failed after 3 tries: connection refused (ECONNREFUSED: connect ECONNREFUSED 10.0.0.7:8000); is the server running?`,
    );
  });

  test('is fatal only when the server is dead', () => {
    expect(isFatalServerError(createRequestError({ kind: 'server-dead', server, serverMessage: 'vLLM died' }, 1))).toBe(true);
    expect(isFatalServerError(createRequestError({ kind: 'reset', server }, 3))).toBe(false);
  });

  test('keeps its facts when serialised for a case record', () => {
    const described = describeError(createRequestError({ kind: 'timeout-idle', server, timeoutMs: 3000, detail: ' after chunk 1' }, 3));
    expect(described).toMatchObject({
      name: 'RequestError',
      code: 'EVAL_REQUEST_FAILED',
      request: { server, kind: 'timeout-idle', status: undefined, tries: 3 },
    });
    expect(JSON.parse(JSON.stringify(described)).request).toEqual({ server, kind: 'timeout-idle', tries: 3 });
  });

  test('is an instance the suites can recognise', () => {
    expect(createRequestError({ kind: 'malformed', server, detail: ': no choice' }, 1)).toBeInstanceOf(RequestError);
  });
});
