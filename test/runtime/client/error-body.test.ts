import { describe, expect, test } from 'vitest';
import { MAX_TEXT_MESSAGE_CHARS, parseErrorBody } from '../../../src/shared/transport/error-body.ts';
import { normaliseErrorBody } from '../../../src/shared/transport/normalise-error.ts';

const CONTEXT =
  "This model's maximum context length is 32768 tokens. However, you requested 1000 output tokens and your prompt contains 33000 input tokens, for a total of 34000 tokens.";

describe('error bodies', () => {
  test("reads vLLM's nested body", () => {
    const body = JSON.stringify({ error: { message: CONTEXT, type: 'BadRequestError', param: 'input_tokens', code: 400 } });
    expect(parseErrorBody(body)).toEqual({ message: CONTEXT, type: 'BadRequestError', param: 'input_tokens', code: 400 });
  });

  test('reads the older flat body', () => {
    const body = JSON.stringify({ object: 'error', message: CONTEXT, type: 'BadRequestError', param: null, code: 400 });
    expect(parseErrorBody(body)).toEqual({ message: CONTEXT, type: 'BadRequestError', param: null, code: 400 });
  });

  test('reads an error given as a bare string', () => {
    expect(parseErrorBody('{"error":"Unauthorized"}').message).toBe('Unauthorized');
  });

  test("reads FastAPI's detail", () => {
    expect(parseErrorBody('{"detail":"Not Found"}').message).toBe('Not Found');
  });

  test('shows an HTML page as one trimmed line without tags', () => {
    expect(
      parseErrorBody('<html><head><title>503 Service Unavailable</title></head>\n<body><h1>No server is available</h1></body></html>')
        .message,
    ).toBe('503 Service Unavailable No server is available');
  });

  test('shows plain text as one line', () => {
    expect(parseErrorBody('CUDA error: an illegal memory access\n  was encountered\n').message).toBe(
      'CUDA error: an illegal memory access was encountered',
    );
  });

  test('caps a long non-JSON body', () => {
    const message = parseErrorBody('x'.repeat(10_000)).message!;
    expect(message).toHaveLength(MAX_TEXT_MESSAGE_CHARS);
    expect(message.endsWith('…')).toBe(true);
  });

  test('reports no message for an empty body', () => {
    expect(parseErrorBody('').message).toBeUndefined();
  });

  test('normalises a flat context-length 400 to the nested shape with its own kind', () => {
    const payload = normaliseErrorBody(400, JSON.stringify({ object: 'error', message: CONTEXT, code: 400 }), 'http://gpu:8000');
    expect(payload.error).toMatchObject({
      message: CONTEXT,
      code: 400,
      eval: { kind: 'context-length', server: 'http://gpu:8000', status: 400, serverMessage: CONTEXT },
    });
  });

  test('classifies other 400s as plain HTTP errors', () => {
    expect(normaliseErrorBody(400, '{"error":{"message":"suffix is not currently supported"}}', 's').error.eval.kind).toBe('http');
  });

  test('leaves a body the dispatcher already normalised unchanged', () => {
    const once = normaliseErrorBody(500, 'CUDA error', 'http://gpu:8000');
    expect(normaliseErrorBody(500, JSON.stringify(once), 'http://127.0.0.1:1')).toEqual(once);
  });
});
