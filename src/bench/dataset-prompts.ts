import type { AnyEvalDefinition } from '../runtime/define-eval.ts';
import { loadData } from '../runtime/data.ts';
import type { ChatMessage } from '../shared/chat-message.ts';
import type { RunContext } from '../shared/context.ts';
import { ConfigError } from '../shared/errors.ts';

// The chat prompts of a built-in dataset exactly as its suite builds them, for the benchmark's dataset workloads.

type SuiteFactory = (run: RunContext) => Promise<AnyEvalDefinition[]>;

/** Built-ins whose suites send chat prompts, by dataset name (their suite modules load only when asked for). */
const CHAT_SUITES: Record<string, SuiteFactory> = {
  gsm8k: async (run) => (await import('../evals/gsm8k/suite.ts')).gsm8kEvals(run),
  arc_challenge: async (run) => (await import('../evals/arc-challenge/suite.ts')).arcChallengeEvals(run),
  hellaswag: async (run) => (await import('../evals/hellaswag/suite.ts')).hellaswagEvals(run),
  humaneval: async (run) => (await import('../evals/humaneval/suite.ts')).humanEvalEvals(run),
  mbpp: async (run) => (await import('../evals/mbpp/suite.ts')).mbppEvals(run),
};

// The first `count` chat prompts of a dataset key (`gsm8k/0shot`).
export async function loadDatasetPrompts(key: string, count: number, run: RunContext): Promise<ChatMessage[][]> {
  const [name = '', variant = ''] = key.split('/');
  const factory = CHAT_SUITES[name];
  if (!factory) throw unsupported(key);
  const definitions = await factory({ ...run, variants: { ...run.variants, [name]: [variant] } });
  const definition = definitions.find((d) => (d.variant ?? 'default') === variant);
  if (!definition) throw unsupported(key);
  const { items } = await loadData(definition.data, run);
  const prompts = items.slice(0, count).map((item) => definition.prompt(item));
  if (prompts.some((p) => typeof p === 'string')) throw unsupported(key);
  return prompts as ChatMessage[][];
}

function unsupported(key: string): ConfigError {
  const keys = 'gsm8k/0shot, gsm8k/8shot, arc_challenge/chat, hellaswag/chat, humaneval/instruct, mbpp/test';
  return new ConfigError(
    `\`benchmark.workloads[].dataset\` is "${key}", expected the key of a built-in that sends chat prompts: ${keys}. Log-likelihood variants and judged suites cannot be benchmarked this way.`,
  );
}
