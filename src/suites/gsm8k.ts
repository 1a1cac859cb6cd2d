import { renderTranscript, type ChatMessage } from '../prompts/chat-message.ts';
import {
  buildGsm8kFewShotMessages,
  buildGsm8kGoldResponse,
  buildGsm8kWrongResponse,
  buildGsm8kZeroShotMessages,
  GSM8K_METRICS,
  GSM8K_PRIMARY_METRIC,
  readGsm8k,
  scoreGsm8kResponse,
  type Gsm8kCase,
} from '../scoring/gsm8k/index.ts';
import type { DatasetPin } from '../records/run-record.ts';
import { pickCorrect, type SimRule, type SimulationMode } from '../simulate/script.ts';
import type { CaseOutcome, CaseContext } from '../suite/define-eval-suite.ts';
import { applyLimit, hashPrompt, readPinned, type DatasetSource } from './read-pinned.ts';

// GSM8K: 1319 test problems; 0-shot CoT with \boxed{} (Qwen's math style) and an 8-shot multi-turn variant.

export type Gsm8kVariant = '0shot' | '8shot';

export const GSM8K_LABELS: Record<Gsm8kVariant, string> = {
  '0shot': 'GSM8K (0-shot CoT, \\boxed{})',
  '8shot': 'GSM8K (8-shot CoT from train, \\boxed{})',
};

export interface Gsm8kData {
  cases: Gsm8kCase[];
  size: number;
  train: Gsm8kCase[];
  pins: DatasetPin[];
}

// Load the test split (limited) and the train split's exemplars.
export async function loadGsm8k(source: DatasetSource, limit: number | null, variants: readonly Gsm8kVariant[] = ['0shot']): Promise<Gsm8kData> {
  const test = await readPinned('gsm8k/test', source);
  const all = readGsm8k(test.text, 'gsm8k/test.jsonl');
  const pins = [test.pin];
  let train: Gsm8kCase[] = [];
  if (variants.includes('8shot')) {
    const trainFile = await readPinned('gsm8k/train', source);
    train = readGsm8k(trainFile.text, 'gsm8k/train.jsonl');
    pins.push(trainFile.pin);
  }
  return { cases: applyLimit(all, limit), size: all.length, train, pins };
}

export function buildGsm8kMessages(variant: Gsm8kVariant, item: Gsm8kCase, train: Gsm8kCase[]): ChatMessage[] {
  return variant === '8shot' ? buildGsm8kFewShotMessages(item, train) : buildGsm8kZeroShotMessages(item);
}

export function gsm8kPromptHash(variant: Gsm8kVariant, train: Gsm8kCase[]): string {
  return hashPrompt(buildGsm8kMessages(variant, { id: '-', question: '{question}', solution: '', gold: '0' }, train));
}

export const gsm8kSuiteFacts = {
  dataset: 'gsm8k',
  primaryMetric: GSM8K_PRIMARY_METRIC,
  metricSpecs: GSM8K_METRICS,
} as const;

// Ask, then score outside the dispatcher's slot (the slot was freed when the stream ended).
export async function runGsm8kCase(variant: Gsm8kVariant, item: Gsm8kCase, train: Gsm8kCase[], context: CaseContext): Promise<CaseOutcome> {
  const messages = buildGsm8kMessages(variant, item, train);
  const answer = await context.client.chat(messages, context.sampling, context.signal);
  const score = scoreGsm8kResponse(item, answer.text);
  return {
    prompt: renderTranscript(messages),
    response: answer.text,
    expected: item.gold,
    extracted: score.extracted,
    scores: score.scores,
    verdict: score.verdict,
    // TODO(integrator): usage is null when the server sent none (tokens unknown); counted as 0 here.
    usage: answer.usage ?? { promptTokens: 0, completionTokens: 0 },
    timing: { requests: 1, ttftMs: answer.ttftMs, latencyMs: answer.latencyMs },
    detail: { finishReason: answer.finishReason },
  };
}

// Script the simulated vLLM: each question's last user turn answered right or wrong per the mode.
export function simulateGsm8k(data: Gsm8kData, mode: SimulationMode): { rules: SimRule[]; expected: Record<string, number> } {
  const correct = pickCorrect(mode, data.cases.length);
  const rules = data.cases.map((item, i) => {
    const last = buildGsm8kZeroShotMessages(item).at(-1)!;
    return {
      match: { equals: last.content, endpoint: 'chat' as const },
      response: correct[i] ? buildGsm8kGoldResponse(item) : buildGsm8kWrongResponse(item),
    };
  });
  const share = data.cases.length ? correct.filter(Boolean).length / data.cases.length : 0;
  return { rules, expected: { strict: share, flexible: share } };
}
