import type { DecodeResult } from './decoded-call.ts';
import { parsePythonJson } from './python-json.ts';

// Decoder for tools mode: the chat message's `tool_calls` (arguments are JSON text, parsed with Python's
// number types), as BFCL's FC handlers decode them; plus the check for a failed server-side parser.

/** The parts of an OpenAI tool call the decoder reads. */
export interface ToolCallLike {
  function: { name: string; arguments: string };
}

/** The parts of a chat completion message the decoder reads. */
export interface ToolMessageLike {
  content?: string | null;
  tool_calls?: readonly ToolCallLike[] | null;
}

const TOOL_CALL_TAG = '<tool_call>';

/**
 * Decode a chat message in tools mode. With tool calls, each `arguments` text must be JSON; without any,
 * empty content decodes to no calls and any text fails to decode (BFCL's FC decoder gets the text instead
 * of a call list and raises).
 */
export function decodeToolCalls(message: ToolMessageLike): DecodeResult {
  const toolCalls = message.tool_calls ?? [];
  if (toolCalls.length === 0) {
    const content = message.content ?? '';
    return content === '' ? { ok: true, calls: [] } : { ok: false, error: 'The response holds text, not tool calls.' };
  }
  const calls = [];
  for (const call of toolCalls) {
    try {
      calls.push({ name: call.function.name, args: parsePythonJson(call.function.arguments) });
    } catch (error) {
      return { ok: false, error: `Arguments of ${call.function.name} are not JSON: ${(error as Error).message}.` };
    }
  }
  return { ok: true, calls };
}

/**
 * True when the server's tool parser failed: no `tool_calls`, but the text holds `<tool_call>` (vLLM's hermes
 * parser returns the whole text as content when any block is not JSON). Such a case is a harness failure,
 * not a model failure.
 */
export function isToolParserFailure(message: ToolMessageLike): boolean {
  return (message.tool_calls ?? []).length === 0 && (message.content ?? '').includes(TOOL_CALL_TAG);
}
