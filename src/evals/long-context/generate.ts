import type { ChatMessage } from '../../shared/chat-message.ts';
import { createRandom } from '../../shared/stats/random.ts';
import { HAYSTACK_SENTENCE_TOKENS, haystackSentence } from './haystack.ts';
import { type LengthVariant, lengthTokens } from './lengths.ts';
import { buildLongContextMessages, LONG_CONTEXT_SYSTEM_PROMPT } from './prompt.ts';
import { LONG_CONTEXT_TASKS, type LongContextTask } from './metrics.ts';
import { buildTaskSpec, type TaskSpec } from './tasks.ts';
import { estimateTokens } from './tokens.ts';

// Deterministic cases: a case is its seed, length and index; its haystack text is rebuilt from its own seed when the
// prompt is needed, so only the small specs stay in memory. The haystack is sized so the prompt, as the server counts
// it with the chat template, lands just under the length minus the answer budget (see LENGTH_TOLERANCE).

/** Seed of the built-in suite; another seed gives other cases (and another dataset fingerprint). */
export const LONG_CONTEXT_SEED = 20_240_406;

/** Bump when the generator changes what it writes: it is part of the cases' fingerprint. */
export const GENERATOR_VERSION = 1;

/** Cases per length: ten per task. */
export const CASES_PER_LENGTH = 50;

/** Tokens left for the answer (the suite's `maxTokens`): RULER's budget for its retrieval tasks. */
export const ANSWER_TOKENS = 128;

/**
 * Tokens between the prompt's aim and the length's budget (length minus answer tokens), so that an estimate off by up
 * to this much still fits a server whose max model length is the length itself.
 */
export const LENGTH_MARGIN = 64;

/**
 * How far a prompt's token count may land from `targetTokens`, either way. Measured: -13..0 with the simulated vLLM's
 * tokenizer (every case of every length), -2..+18 with Qwen's tokenizer (Qwen3's tokenizer.json, the same vocabulary as
 * Qwen2.5; ten cases per length). Smaller than LENGTH_MARGIN, so prompt and answer always fit the length.
 */
export const LENGTH_TOLERANCE = 32;

/** ChatML tokens around the two turns and the assistant header (`<|im_start|>`, role, newline, `<|im_end|>`, newline). */
const CHATML_TOKENS = 13;

/** One generated case. */
export interface LongContextCase extends TaskSpec {
  /** `<task>.<n>`, unique within a length. */
  id: string;
  task: LongContextTask;
  length: LengthVariant;
  /** Prompt tokens aimed at (chat template included): the length minus the answer budget and the margin. */
  targetTokens: number;
  /** Haystack sentences around the needles. */
  sentences: number;
  /** Seed of the haystack text. */
  haystackSeed: number;
}

/** Generate the cases of one length, `count` of them, cycling through the tasks. */
export function generateCases(options: { length: LengthVariant; seed?: number; count?: number }): LongContextCase[] {
  const seed = options.seed ?? LONG_CONTEXT_SEED;
  const count = options.count ?? CASES_PER_LENGTH;
  const targetTokens = lengthTokens(options.length) - ANSWER_TOKENS - LENGTH_MARGIN;
  return Array.from({ length: count }, (_, index) => {
    const task = LONG_CONTEXT_TASKS[index % LONG_CONTEXT_TASKS.length]!;
    const spec = buildTaskSpec(task, createRandom(mixSeed(seed, options.length, index, 0)));
    const fixed = CHATML_TOKENS + estimateTokens(LONG_CONTEXT_SYSTEM_PROMPT) + estimateTokens(fixedText(spec));
    return {
      ...spec,
      id: `${task}.${Math.floor(index / LONG_CONTEXT_TASKS.length)}`,
      task,
      length: options.length,
      targetTokens,
      sentences: Math.max(1, Math.floor((targetTokens - fixed) / HAYSTACK_SENTENCE_TOKENS)),
      haystackSeed: mixSeed(seed, options.length, index, 1),
    };
  });
}

/** The haystack with the case's needles planted at their depths. */
export function buildContext(testCase: Pick<LongContextCase, 'needles' | 'depths' | 'sentences' | 'haystackSeed'>): string {
  const rand = createRandom(testCase.haystackSeed);
  const parts: string[] = [];
  let next = 0;
  for (let i = 0; i < testCase.sentences; i++) {
    while (next < testCase.needles.length && Math.round(testCase.depths[next]! * testCase.sentences) <= i)
      parts.push(testCase.needles[next++]!);
    parts.push(haystackSentence(rand));
  }
  while (next < testCase.needles.length) parts.push(testCase.needles[next++]!);
  return parts.join(' ');
}

/** The messages sent for a case. */
export function buildCaseMessages(testCase: LongContextCase): ChatMessage[] {
  return buildLongContextMessages({ header: testCase.header, context: buildContext(testCase), question: testCase.question });
}

// Text of the prompt besides the haystack (what the token estimate covers).
function fixedText(spec: TaskSpec): string {
  return `${spec.header}\n ${spec.needles.join(' ')}\n${spec.question}`;
}

// One 32-bit seed per (suite seed, length, case, stream): FNV-1a over the parts.
function mixSeed(seed: number, length: string, index: number, stream: number): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}/${length}/${index}/${stream}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash >>> 0;
}
