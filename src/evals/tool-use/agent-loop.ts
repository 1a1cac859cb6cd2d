import type { TaskContext } from '../../runtime/define-eval.ts';
import type { ChatMessage, ToolCall } from '../../shared/chat-message.ts';
import type { ToolTask } from './reader.ts';
import { MemoryFileSystem, type FileTree } from './tools/file-system.ts';
import { executeTool, TOOL_DEFINITIONS } from './tools/index.ts';

// The agent loop: ask with the tools offered; run every call the model makes on the case's own workspace; feed the
// results back; stop at an answer without calls, or at the step limit.

/** Model requests per task before the loop gives up. */
export const MAX_STEPS = 8;

/** The system message of every task. */
export const TOOL_USE_SYSTEM_PROMPT =
  'You are a careful assistant with tools. Use the tools to get facts and to compute; do not guess. When you have the answer, reply with it in one short sentence.';

/** One call the model made, as sent, as parsed, and what the tool returned. */
export interface ExecutedCall {
  step: number;
  id: string;
  name: string;
  /** The arguments text exactly as the server returned it. */
  rawArguments: string;
  /** Parsed arguments; null when the text is not a JSON object. */
  arguments: Record<string, unknown> | null;
  result: Record<string, unknown>;
}

/** What the loop produced for one task. */
export interface AgentOutput {
  /** The final answer (the last reply's text); null when the step limit came first. */
  text: string | null;
  calls: ExecutedCall[];
  steps: number;
  /** Replies whose text held `<tool_call>` but came back without `tool_calls`: the server's parser failed. */
  parserFailures: number;
  finishReasons: Array<string | null>;
  /** The workspace at the end. */
  files: FileTree;
}

/** The first messages of a task. */
export function buildToolTaskMessages(task: Pick<ToolTask, 'prompt'>): ChatMessage[] {
  return [
    { role: 'system', content: TOOL_USE_SYSTEM_PROMPT },
    { role: 'user', content: task.prompt },
  ];
}

/** Parse a call's arguments text into an object; null when it is not a JSON object. */
export function parseArguments(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw || '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Run the loop for one task against the run's client. */
export async function runToolTask(task: ToolTask, { client, sampling, signal }: TaskContext): Promise<AgentOutput> {
  const fs = new MemoryFileSystem(task.files);
  const messages = buildToolTaskMessages(task);
  const calls: ExecutedCall[] = [];
  const finishReasons: Array<string | null> = [];
  let parserFailures = 0;
  for (let step = 1; step <= MAX_STEPS; step++) {
    const reply = await client.chat(messages, sampling, signal, { tools: TOOL_DEFINITIONS });
    finishReasons.push(reply.finishReason);
    if (reply.toolCalls.length === 0) {
      if (reply.text.includes('<tool_call>')) parserFailures += 1;
      return { text: reply.text, calls, steps: step, parserFailures, finishReasons, files: fs.snapshot() };
    }
    messages.push({ role: 'assistant', content: reply.text || null, tool_calls: reply.toolCalls });
    for (const call of reply.toolCalls) {
      const executed = runCall(call, step, fs);
      calls.push(executed);
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(executed.result) });
    }
  }
  return { text: null, calls, steps: MAX_STEPS, parserFailures, finishReasons, files: fs.snapshot() };
}

function runCall(call: ToolCall, step: number, fs: MemoryFileSystem): ExecutedCall {
  const parsed = parseArguments(call.function.arguments);
  const result = parsed === null ? { error: 'the arguments are not a JSON object' } : executeTool(call.function.name, parsed, fs);
  return { step, id: call.id, name: call.function.name, rawArguments: call.function.arguments, arguments: parsed, result };
}
