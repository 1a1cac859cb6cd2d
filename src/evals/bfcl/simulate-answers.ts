import { toolsDigest, type SimRule } from '../../shared/simulation-rules.ts';
import type { ToolMessageLike } from './decode-tool-calls.ts';
import { buildQwenPrompt } from './qwen-prompt.ts';
import type { BfclCase } from './read-dataset.ts';
import type { BfclMode } from './score-case.ts';
import { buildGoldResponse, buildWrongResponse } from './self-check.ts';
import { buildToolsRequest } from './tools-request.ts';

// One BFCL case as a rule of the simulated vLLM's script: the request it matches and the answer it gives, in the
// mode the case is asked in (tool calls the server's hermes parser reads back, or Qwen's raw `<tool_call>` text).

/** A scripted case: its rule, the key of the requests the rule matches, and the answer as the scorer will see it. */
export interface ScriptedBfclCase {
  rule: SimRule;
  /** Requests with the same key get the first rule's answer (the simulator cannot tell them apart). */
  matchKey: string;
  /** What comes back: the chat message (tools mode) or the completion text (Qwen prompt mode). */
  answer: { message: ToolMessageLike; text: string };
}

/** The rule answering `item` right (gold) or wrong, in `mode`. */
export function scriptBfclCase(item: BfclCase, mode: BfclMode, correct: boolean): ScriptedBfclCase {
  const response = correct ? buildGoldResponse(item) : buildWrongResponse(item);
  if (mode === 'qwen_text') {
    const prompt = buildQwenPrompt(item);
    return {
      rule: { match: { endpoint: 'completions', equals: prompt }, response: response.text },
      matchKey: `completions\u0000${prompt}`,
      answer: { message: response.tools, text: response.text },
    };
  }
  const request = buildToolsRequest(item);
  const lastUser = request.messages.findLast((message) => message.role === 'user')?.content ?? '';
  // Questions with the same text but other function docs are told apart by a digest of the tools sent.
  const tools = request.tools.length > 0 ? { toolsDigest: toolsDigest(request.tools) } : { tools: false };
  const calls = response.tools.tool_calls ?? [];
  const rule: SimRule = {
    match: { endpoint: 'chat', equals: lastUser, ...tools },
    ...(calls.length > 0
      ? { toolCalls: calls.map((call) => ({ name: call.function.name, arguments: call.function.arguments })) }
      : { response: response.tools.content ?? '' }),
  };
  return {
    rule,
    matchKey: `chat\u0000${lastUser}\u0000${JSON.stringify(tools)}`,
    answer: { message: response.tools, text: response.text },
  };
}
