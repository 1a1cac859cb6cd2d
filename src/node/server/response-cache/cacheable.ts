import type { CachePolicy } from './cache-policy.ts';

// What the response cache may answer and keep. Never an error, an error event, an answer cut at `max_tokens` or one
// that ended for any other reason than finishing: those say something about that moment, not about the prompt.

/** An answer as the dispatcher relays it: what a cache hit sends back byte for byte. */
export interface CachedAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Finish reasons of an answer that ended on its own. */
const FINISHED = new Set(['stop', 'tool_calls']);

/** True when a generation request may be looked up and kept under the policy (greedy only: temperature 0). */
export function isCacheableRequest(request: unknown, policy: CachePolicy): request is Record<string, unknown> {
  if (policy.mode === 'off' || typeof request !== 'object' || request === null || Array.isArray(request)) return false;
  return !policy.greedyOnly || isGreedy(request as Record<string, unknown>);
}

/** Temperature 0 asks for the one most likely answer; an absent temperature is the server's default, not greedy. */
export function isGreedy(request: Record<string, unknown>): boolean {
  return request.temperature === 0;
}

/**
 * True when an answer is complete and may be kept: HTTP 200, no error, and every choice finished on its own (a
 * prompt-only scoring request, `max_tokens` 0, always ends with `length`).
 */
export function isCompleteAnswer(answer: CachedAnswer, request: Record<string, unknown>): boolean {
  if (answer.status !== 200) return false;
  const reasons = /text\/event-stream/i.test(answer.contentType) ? streamFinishReasons(answer.body) : plainFinishReasons(answer.body);
  if (reasons === null || reasons.length === 0) return false;
  const scoringOnly = request.max_tokens === 0;
  return reasons.every((reason) => FINISHED.has(reason ?? '') || (scoringOnly && reason === 'length'));
}

// Finish reasons of a non-streamed answer; null when it is not an answer.
function plainFinishReasons(body: Buffer): Array<string | null> | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { choices?: Array<{ finish_reason?: string | null }> };
    return Array.isArray(parsed.choices) ? parsed.choices.map((c) => c.finish_reason ?? null) : null;
  } catch {
    return null;
  }
}

// Finish reasons of a streamed answer's events; null when an event is an error or unreadable.
function streamFinishReasons(body: Buffer): Array<string | null> | null {
  const reasons: Array<string | null> = [];
  for (const line of body.toString('utf8').split('\n')) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]') continue;
    let event: { error?: unknown; choices?: Array<{ finish_reason?: string | null }> };
    try {
      event = JSON.parse(data);
    } catch {
      return null;
    }
    if (event.error !== undefined) return null;
    for (const choice of event.choices ?? []) if (choice.finish_reason) reasons.push(choice.finish_reason);
  }
  return reasons;
}
