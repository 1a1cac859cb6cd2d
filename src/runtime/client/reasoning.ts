import type { ReasoningRecord } from '../../shared/records/case-record.ts';
import type { ClientRuntime } from './transport.ts';

// A reasoning model's reasoning, apart from its answer: what the server split (`--reasoning-parser`), or a
// `<think>…</think>` the harness takes out of an answer the server left whole, with its tokens counted.

const THINK = '<think>';
const END_THINK = '</think>';

/** An answer with the reasoning taken out of it. */
export interface SplitAnswer {
  answer: string;
  /** The reasoning text; null when the answer had none. */
  reasoning: string | null;
  splitBy: ReasoningRecord['splitBy'] | null;
}

/**
 * Take the reasoning out of an answer. The server's split (`reasoning`) wins; without one, a leading
 * `<think>…</think>` (or an unclosed `<think>`: cut while thinking) is reasoning, and for a configured reasoning model
 * so is everything before a first `</think>` (DeepSeek-R1 style templates open the block in the prompt).
 */
export function splitThinking(content: string, serverReasoning: string | null, reasoningModel: boolean): SplitAnswer {
  if (serverReasoning) return { answer: content, reasoning: serverReasoning, splitBy: 'server' };
  const start = content.trimStart();
  const opened = start.startsWith(THINK);
  const end = content.indexOf(END_THINK);
  if (opened) {
    const body = start.slice(THINK.length);
    const close = body.indexOf(END_THINK);
    if (close === -1) return { answer: '', reasoning: body, splitBy: 'harness' };
    return { answer: body.slice(close + END_THINK.length), reasoning: body.slice(0, close), splitBy: 'harness' };
  }
  if (reasoningModel && end !== -1 && !content.slice(0, end).includes(THINK)) {
    return { answer: content.slice(end + END_THINK.length), reasoning: content.slice(0, end), splitBy: 'harness' };
  }
  return { answer: content, reasoning: null, splitBy: null };
}

/** Reasoning text of a streamed delta or a message: `reasoning` (vLLM >= 2026-01-30) or the older `reasoning_content`. */
export function reasoningOf(part: unknown): string {
  const { reasoning, reasoning_content: older } = (part ?? {}) as { reasoning?: unknown; reasoning_content?: unknown };
  return typeof reasoning === 'string' ? reasoning : typeof older === 'string' ? older : '';
}

/** Reasoning tokens the server reported in its usage (vLLM after v0.21, OpenAI); null when it did not. */
export function reportedReasoningTokens(usage: unknown): number | null {
  const tokens = (usage as { completion_tokens_details?: { reasoning_tokens?: unknown } | null } | null)?.completion_tokens_details
    ?.reasoning_tokens;
  return typeof tokens === 'number' && Number.isInteger(tokens) && tokens >= 0 ? tokens : null;
}

/**
 * Tokens of a text as the server's tokenizer counts them (vLLM's `POST /tokenize`, no special tokens added); null
 * when the server has no such route or does not answer in time. One try: a count is a fact worth having, not
 * worth retrying a case for.
 */
export async function countTokens(
  runtime: Pick<ClientRuntime, 'baseUrl' | 'model' | 'apiKey' | 'timeouts'>,
  text: string,
  signal?: AbortSignal,
): Promise<number | null> {
  if (text === '') return 0;
  const deadline = AbortSignal.timeout(runtime.timeouts.headersTimeoutMs);
  try {
    const response = await fetch(`${runtime.baseUrl}/tokenize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(runtime.apiKey ? { authorization: `Bearer ${runtime.apiKey}` } : {}) },
      body: JSON.stringify({ model: runtime.model, prompt: text, add_special_tokens: false }),
      signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
    });
    if (!response.ok) return null;
    const { count } = (await response.json()) as { count?: unknown };
    return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : null;
  } catch {
    if (signal?.aborted) throw signal.reason;
    return null;
  }
}
