import type { DecodeResult, DecodedCall } from './decoded-call.ts';
import { parsePythonJson } from './python-json.ts';
import { formatPyRepr } from './python-repr.ts';
import { isPyDict, type PyValue } from './python-value.ts';

// Decoder for Qwen prompt mode (BFCL's QwenFCHandler): `<tool_call>\n{json}\n</tool_call>` blocks in the
// completion text. Blocks that are not JSON are skipped; a block that is JSON but not
// {"name": ..., "arguments": {...}} makes the whole response undecodable.

const TOOL_CALL_BLOCK = /<tool_call>\n([\s\S]*?)\n<\/tool_call>/g;

/** The completion text after any `</think>` (BFCL keeps only the answer part). */
export function stripReasoning(text: string): string {
  return text.includes('</think>') ? text.split('</think>').at(-1)!.replace(/^\n+/, '') : text;
}

// The name as a dict key: BFCL keeps non-string names, which then match no function.
function callName(name: PyValue): string | undefined {
  if (typeof name === 'string') return name;
  if (Array.isArray(name) || isPyDict(name)) return undefined;
  return `<non-string name ${formatPyRepr(name)}>`;
}

/** Decode Qwen's text: every `<tool_call>` block that parses, in order; no block is an empty call list. */
export function decodeQwenText(text: string): DecodeResult {
  const calls: DecodedCall[] = [];
  for (const [, body] of stripReasoning(text).matchAll(TOOL_CALL_BLOCK)) {
    let block: PyValue;
    try {
      block = parsePythonJson(body!);
    } catch {
      continue;
    }
    if (!isPyDict(block)) return { ok: false, error: `A <tool_call> block is ${formatPyRepr(block)}, not an object.` };
    if (!('name' in block) || !('arguments' in block)) {
      return { ok: false, error: 'A <tool_call> block lacks "name" or "arguments".' };
    }
    const name = callName(block.name!);
    if (name === undefined) return { ok: false, error: `A <tool_call> name is ${formatPyRepr(block.name!)}, not hashable.` };
    if (!isPyDict(block.arguments!)) {
      return { ok: false, error: `The arguments of ${name} are ${formatPyRepr(block.arguments!)}, not an object.` };
    }
    calls.push({ name, args: block.arguments });
  }
  return { ok: true, calls };
}
