import { z } from 'zod';

// One reader for every error body an OpenAI-compatible server sends, shared by the dispatcher (which rewrites
// bodies for the SDK) and the external judge's client: the SDK itself reads only a nested `body.error`.

/** Longest server message kept from a JSON body (validation errors can echo the whole request). @unit characters */
export const MAX_JSON_MESSAGE_CHARS = 2000;
/** Longest line kept from a non-JSON body (HTML error pages, proxy text). @unit characters */
export const MAX_TEXT_MESSAGE_CHARS = 300;

/** What an error body says, whatever its shape; every field may be missing. */
export interface ServerErrorBody {
  message: string | undefined;
  type: string | undefined;
  param: string | null | undefined;
  code: number | string | undefined;
}

const FieldsSchema = z.looseObject({
  message: z.unknown().optional(),
  type: z.string().optional(),
  param: z.string().nullable().optional(),
  code: z.union([z.number(), z.string()]).nullable().optional(),
});

// Read vLLM's nested `{"error":{"message","type","param","code"}}`, the older flat `{"object":"error","message",...}`,
// `{"error":"Unauthorized"}`, FastAPI's `{"detail":...}`, and non-JSON text (one trimmed line, capped).
export function parseErrorBody(text: string): ServerErrorBody {
  const json = parseJson(text);
  if (json === undefined) return { message: toOneLine(text), type: undefined, param: undefined, code: undefined };
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { message: capJsonMessage(JSON.stringify(json)), type: undefined, param: undefined, code: undefined };
  const body = json as Record<string, unknown>;
  if (typeof body.error === 'string') return { message: capJsonMessage(body.error), type: undefined, param: undefined, code: undefined };
  const fields = FieldsSchema.safeParse(body.error !== null && typeof body.error === 'object' ? body.error : body);
  const source = fields.success ? fields.data : {};
  const message = source.message ?? body.detail;
  return {
    message:
      message === undefined || message === null
        ? undefined
        : capJsonMessage(typeof message === 'string' ? message : JSON.stringify(message)),
    type: source.type,
    param: source.param,
    code: source.code ?? undefined,
  };
}

// Collapse any text (an HTML page, a traceback) into one trimmed line, tags dropped, capped.
export function toOneLine(text: string, cap = MAX_TEXT_MESSAGE_CHARS): string | undefined {
  const line = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (line === '') return undefined;
  return line.length > cap ? `${line.slice(0, cap - 1)}…` : line;
}

function capJsonMessage(message: string): string {
  return message.length > MAX_JSON_MESSAGE_CHARS ? `${message.slice(0, MAX_JSON_MESSAGE_CHARS - 1)}…` : message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
