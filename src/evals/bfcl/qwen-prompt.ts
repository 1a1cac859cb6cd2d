import type { BfclCategory } from './categories.ts';
import { functionDocAsPy, type FunctionDoc } from './function-doc.ts';
import { withLanguageHints } from './language-hints.ts';
import { formatPythonJson } from './python-json.ts';
import type { BfclEntry, BfclMessage } from './read-dataset.ts';

// Mode 2, BFCL's own way for Qwen (QwenFCHandler): the harness renders the ChatML prompt with the Qwen tools
// system block itself and sends it to raw /v1/completions; calls are read back from <tool_call> blocks.
// Docs are rendered as BFCL's function docs (dotted names, BFCL types) with Python's json.dumps.

const TOOLS_INTRO =
  '# Tools\n\nYou may call one or more functions to assist with the user query.\n\n' +
  'You are provided with function signatures within <tools></tools> XML tags:\n<tools>';
const TOOLS_OUTRO =
  '\n</tools>\n\nFor each function call, return a json object with function name and arguments within ' +
  '<tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call><|im_end|>\n';

/** Upper bound BFCL puts on `max_tokens` for local models (it also keeps prompt + output within the context). */
export const BFCL_MAX_OUTPUT_TOKENS = 4096;

/** An assistant turn of the history, with optional tool calls (arguments as JSON text or a value). */
export interface QwenHistoryMessage extends BfclMessage {
  reasoning_content?: string;
  tool_calls?: { name: string; arguments: unknown }[];
}

// Python's str.strip/lstrip/rstrip of newlines only.
const trimNewlines = (text: string) => text.replace(/^\n+|\n+$/g, '');
const trimLeadingNewlines = (text: string) => text.replace(/^\n+/, '');
const trimTrailingNewlines = (text: string) => text.replace(/\n+$/, '');

// Index of the last real user query (not a tool response); later assistant turns get a think block.
function lastQueryIndex(messages: readonly QwenHistoryMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const { role, content } = messages[i]!;
    if (role === 'user' && !(content.startsWith('<tool_response>') && content.endsWith('</tool_response>'))) return i;
  }
  return messages.length - 1;
}

// One assistant message, as BFCL's handler writes it.
function renderAssistant(message: QwenHistoryMessage, index: number, last: boolean, lastQuery: number): string {
  let content = message.content;
  let reasoning = '';
  if (message.reasoning_content) {
    reasoning = message.reasoning_content;
  } else if (content.includes('</think>')) {
    const parts = content.split('</think>');
    reasoning = trimLeadingNewlines(trimTrailingNewlines(parts[0]!).split('<think>').at(-1)!);
    content = trimLeadingNewlines(parts.at(-1)!);
  }
  let out =
    index > lastQuery && (last || reasoning)
      ? `<|im_start|>assistant\n<think>\n${trimNewlines(reasoning)}\n</think>\n\n${trimLeadingNewlines(content)}`
      : `<|im_start|>assistant\n${content}`;
  for (const [i, call] of (message.tool_calls ?? []).entries()) {
    if (i > 0 || content) out += '\n';
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
    out += `<tool_call>\n{"name": "${call.name}", "arguments": ${args}}\n</tool_call>`;
  }
  return `${out}<|im_end|>\n`;
}

/**
 * BFCL's QwenFCHandler prompt: a system block listing the functions (a leading system message is folded in
 * before it), then the conversation in ChatML, ending with the open assistant turn.
 */
export function renderQwenPrompt(messages: readonly QwenHistoryMessage[], functions: readonly FunctionDoc[]): string {
  let prompt = '';
  const first = messages[0];
  if (functions.length > 0) {
    prompt += '<|im_start|>system\n';
    if (first?.role === 'system') prompt += `${first.content}\n\n`;
    prompt += TOOLS_INTRO;
    for (const doc of functions) prompt += `\n${formatPythonJson(functionDocAsPy(doc))}`;
    prompt += TOOLS_OUTRO;
  } else if (first?.role === 'system') {
    prompt += `<|im_start|>system\n${first.content}<|im_end|>\n`;
  }
  const lastQuery = lastQueryIndex(messages);
  for (const [index, message] of messages.entries()) {
    const { role, content } = message;
    if (role === 'user' || (role === 'system' && index !== 0)) {
      prompt += `<|im_start|>${role}\n${content}<|im_end|>\n`;
    } else if (role === 'assistant') {
      prompt += renderAssistant(message, index, index === messages.length - 1, lastQuery);
    } else if (role === 'tool') {
      if (index === 0 || messages[index - 1]!.role !== 'tool') prompt += '<|im_start|>user';
      prompt += `\n<tool_response>\n${content}\n</tool_response>`;
      if (index === messages.length - 1 || messages[index + 1]!.role !== 'tool') prompt += '<|im_end|>\n';
    }
  }
  return `${prompt}<|im_start|>assistant\n`;
}

/** The raw-completions prompt for one BFCL question in Qwen prompt mode (docs language-processed). */
export function buildQwenPrompt(entry: BfclEntry, category: BfclCategory = entry.category): string {
  return renderQwenPrompt(entry.turns[0]!, withLanguageHints(entry.functions, category));
}
