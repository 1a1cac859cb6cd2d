import { parseErrorBody } from './error-body.ts';
import { buildErrorPayload, classifyHttpFailure, TryFailureSchema, type ErrorPayload } from './failure.ts';

// Rewrite any server error body into the nested shape the openai SDK reads (`body.error.message`), with the
// harness's facts under `error.eval`. The dispatcher does it for the run's server; `withReadableErrors` does it for
// clients that talk to a server directly (the external judge).

// The nested payload for an HTTP error `status` whose body is `text`; a body that already is one passes unchanged.
export function normaliseErrorBody(status: number, text: string, server: string): ErrorPayload {
  const existing = readPayload(text);
  if (existing) return existing;
  const body = parseErrorBody(text);
  const kind = classifyHttpFailure(status, body.message);
  return buildErrorPayload(
    { kind, server, status, ...(body.message !== undefined ? { serverMessage: body.message } : {}) },
    { type: body.type ?? null, param: body.param ?? null, code: body.code ?? status },
  );
}

// A fetch for the openai SDK whose error responses always carry a readable nested body.
export function withReadableErrors(server: string, fetchImpl: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.ok) return response;
    const text = await response.text().catch((error: unknown) => `(error body unreadable: ${(error as Error).message})`);
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(normaliseErrorBody(response.status, text, server)), {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}

function readPayload(text: string): ErrorPayload | null {
  try {
    const json = JSON.parse(text) as { error?: { eval?: unknown } };
    return TryFailureSchema.safeParse(json?.error?.eval).success ? (json as ErrorPayload) : null;
  } catch {
    return null;
  }
}
