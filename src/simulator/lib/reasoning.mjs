// Reasoning models as vLLM v0.21 serves them: what a thinking model writes, what its chat template adds to the
// prompt, and how `--reasoning-parser` splits the output into `reasoning` and `content`.
import { messageText } from './chat-template.mjs';

const THINK = '<think>';
const END_THINK = '</think>';

/**
 * How a model thinks: `hybrid` (Qwen3 up to the 2507 release: it writes `<think>…</think>` itself, and
 * `enable_thinking: false` makes the template close an empty block in the prompt); `always` (DeepSeek-R1 and its
 * distills, QwQ, Qwen3 `-Thinking-2507`: the template opens `<think>` in the prompt, the output carries only
 * `</think>`, `enable_thinking` is ignored); null for models that do not think.
 * @typedef {'hybrid' | 'always' | null} ThinkingStyle
 */

/** @param {string} model @returns {ThinkingStyle} */
export function thinkingStyle(model) {
  if (/deepseek-r1|qwq|qwen3-.*thinking-2507/i.test(model)) return 'always';
  if (/qwen3-(?!.*(instruct-2507|coder|embedding|reranker))/i.test(model)) return 'hybrid';
  return null;
}

/**
 * What one chat request does with reasoning: the prompt suffix the template adds, the raw output built from a
 * scripted answer, and the split of the output tokens into reasoning and content.
 * @typedef {{
 *   promptSuffix: string,
 *   output: (answer: string, messages: import('./chat-template.mjs').ChatMessage[]) => string,
 *   mark: (plan: import('./generation.mjs').OutputPlan) => MarkedPlan,
 *   delta: (plan: MarkedPlan, from: number, to: number) => { content?: string, reasoning?: string } | null,
 *   message: (plan: MarkedPlan, produced: number) => { content: string | null, reasoning: string | null },
 * }} ChatReasoning
 * @typedef {import('./generation.mjs').OutputPlan & { roles?: Role[] }} MarkedPlan
 * @typedef {'reasoning' | 'content' | 'marker'} Role
 */

/** @param {{ model: string, reasoningParser: string | null, defaultChatTemplateKwargs: Record<string, unknown> }} config @param {Record<string, any>} body @returns {ChatReasoning} */
export function chatReasoning(config, body) {
  const style = thinkingStyle(config.model);
  const kwargs = { ...config.defaultChatTemplateKwargs, ...(isObject(body.chat_template_kwargs) ? body.chat_template_kwargs : {}) };
  const enabled = kwargs.enable_thinking !== false;
  const thinks = style === 'always' || (style === 'hybrid' && enabled);
  const parser = config.reasoningParser;
  const keepReasoning = body.include_reasoning !== false;
  return {
    promptSuffix: style === 'always' ? `${THINK}\n` : style === 'hybrid' && !enabled ? `${THINK}\n\n${END_THINK}\n\n` : '',
    output(answer, messages) {
      if (!thinks || answer.includes(END_THINK)) return answer;
      const thought = `${thinkingPreamble(messages)}\n${END_THINK}\n\n${answer}`;
      return style === 'hybrid' ? `${THINK}\n${thought}` : thought;
    },
    mark(plan) {
      return parser === null ? plan : { ...plan, roles: splitRoles(plan.pieces, parser, enabled) };
    },
    delta(plan, from, to) {
      const { content, reasoning } = joinRoles(plan, from, to);
      const delta = {
        ...(reasoning !== '' && keepReasoning ? { reasoning } : {}),
        ...(content !== '' ? { content } : {}),
      };
      return Object.keys(delta).length === 0 ? null : delta;
    },
    message(plan, produced) {
      const { content, reasoning } = joinRoles(plan, 0, produced);
      if (!plan.roles) return { content, reasoning: null };
      return { content: content === '' ? null : content, reasoning: reasoning === '' || !keepReasoning ? null : reasoning };
    },
  };
}

// A deterministic thinking text per question, so the separation is exercised and its tokens can be counted.
/** @param {import('./chat-template.mjs').ChatMessage[]} messages */
function thinkingPreamble(messages) {
  const last = [...messages].reverse().find((m) => m.role === 'user');
  const question = messageText(last?.content).replace(/\s+/g, ' ').trim();
  const gist = question.length > 80 ? `${question.slice(0, 77)}...` : question;
  return `Okay, let me think about this. The question is: "${gist}". I will work it out step by step and check the result before I answer.`;
}

// vLLM's think-tag parsers: reasoning up to `</think>` (a leading `<think>` dropped), content after it. Without
// `</think>`, qwen3 calls it all content when thinking was switched off and all reasoning (cut short) otherwise;
// deepseek_r1 and the other think-tag parsers always call it reasoning.
/** @param {string[]} pieces @param {string} parser @param {boolean} enabled @returns {Role[]} */
function splitRoles(pieces, parser, enabled) {
  const end = pieces.indexOf(END_THINK);
  if (end === -1 && parser === 'qwen3' && !enabled) return pieces.map(() => 'content');
  return pieces.map((piece, i) => {
    if (end !== -1 && i > end) return 'content';
    return piece === THINK || i === end ? 'marker' : 'reasoning';
  });
}

/** @param {MarkedPlan} plan @param {number} from @param {number} to */
function joinRoles(plan, from, to) {
  let content = '';
  let reasoning = '';
  for (let i = from; i < to; i++) {
    const role = plan.roles?.[i] ?? 'content';
    if (role === 'content') content += plan.visible[i] ?? '';
    else if (role === 'reasoning') reasoning += plan.visible[i] ?? '';
  }
  return { content, reasoning };
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
