// How a chat answer leaves the server once tools are involved: the final message (content, tool_calls,
// finish_reason) of a plain response, and the per-chunk deltas of a stream, per tool_choice mode.
import { randomBytes } from 'node:crypto';
import { extractHermes, HermesStream } from './hermes.mjs';
import { parseRequiredCalls } from './tool-choice.mjs';

/**
 * @typedef {import('./tool-choice.mjs').ToolPlan} ToolPlan
 * @typedef {import('./tool-choice.mjs').Call} Call
 * @typedef {import('./hermes.mjs').ToolDelta} ToolDelta
 */

// vLLM's tool call ids: `chatcmpl-tool-` and a random uuid4 hex.
export const makeToolCallId = () => `chatcmpl-tool-${randomBytes(16).toString('hex')}`;

// The message of a finished answer: what the parser (or the constrained mode) makes of the generated text.
/**
 * @param {ToolPlan} plan @param {string} text @param {string} finishReason
 * @returns {{ content: string | null, toolCalls: { id: string, type: 'function', function: Call }[], finishReason: string }}
 */
export function finalMessage(plan, text, finishReason) {
  /** @type {Call[]} */
  let calls = [];
  let content = /** @type {string | null} */ (text);
  let finish = finishReason;
  if (plan.hermes) {
    const extracted = extractHermes(text);
    if (extracted.called) {
      calls = extracted.calls;
      content = extracted.content;
      finish = 'tool_calls';
    }
  } else if (plan.mode === 'required') {
    const parsed = parseRequiredCalls(text);
    if (parsed) {
      calls = parsed;
      content = '';
      if (finishReason === 'stop') finish = 'tool_calls';
    }
  } else if (plan.mode === 'named') {
    calls = [{ name: /** @type {string} */ (plan.name), arguments: text }];
    content = '';
  }
  if (!plan.parallel) calls = calls.slice(0, 1);
  return { content, toolCalls: calls.map((call) => ({ id: makeToolCallId(), type: 'function', function: call })), finishReason: finish };
}

/** @typedef {{ content: string, toolDeltas: ToolDelta[] }} StepDelta What one stream step sends for a choice. */

/** Streaming state of one choice. */
export class ChoiceStream {
  /** @param {ToolPlan} plan */
  constructor(plan) {
    this.plan = plan;
    this.hermes = plan.hermes ? new HermesStream(makeToolCallId) : null;
    this.sentArgs = 0;
    this.namedOpened = false;
  }

  // The delta for tokens [from, to) given the text generated up to `to` (the whole text once `finished`).
  /** @param {string[]} visible @param {number} from @param {number} to @param {boolean} finished @returns {StepDelta} */
  step(visible, from, to, finished) {
    const plan = this.plan;
    /** @type {StepDelta} */
    let out;
    if (this.hermes) {
      const { content, deltas } = this.hermes.update(visible.slice(0, to).join(''));
      out = { content, toolDeltas: deltas };
    } else if (plan.mode === 'named') {
      out = { content: '', toolDeltas: this.namedDeltas(visible.slice(0, to).join('')) };
    } else if (plan.mode === 'required') {
      // Sent whole at the end (vLLM streams them as they are written; a documented simplification).
      const calls = finished ? (parseRequiredCalls(visible.slice(0, to).join('')) ?? []) : [];
      out = {
        content: '',
        toolDeltas: calls.map((call, index) => ({ index, id: makeToolCallId(), type: 'function', function: { ...call } })),
      };
    } else {
      out = { content: visible.slice(from, to).join(''), toolDeltas: [] };
    }
    if (!plan.parallel) out.toolDeltas = out.toolDeltas.filter((delta) => delta.index === 0);
    return out;
  }

  /** @param {string} text @returns {ToolDelta[]} */
  namedDeltas(text) {
    /** @type {ToolDelta[]} */
    const deltas = [];
    if (!this.namedOpened) {
      this.namedOpened = true;
      deltas.push({
        index: 0,
        id: makeToolCallId(),
        type: 'function',
        function: { name: /** @type {string} */ (this.plan.name), arguments: '' },
      });
    }
    if (text.length > this.sentArgs) {
      deltas.push({ index: 0, function: { arguments: text.slice(this.sentArgs) } });
      this.sentArgs = text.length;
    }
    return deltas;
  }

  // finish_reason of the last chunk: "tool_calls" once the hermes parser saw a tool call, or for `required`.
  /** @param {string} finishReason */
  finishReason(finishReason) {
    if (this.hermes?.sawToolCall) return 'tool_calls';
    if (this.plan.mode === 'required' && finishReason === 'stop') return 'tool_calls';
    return finishReason;
  }
}
