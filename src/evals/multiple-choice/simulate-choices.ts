import type { LoglikelihoodPrompt } from '../../scorers/loglikelihood/prompt.ts';
import type { SimRule } from '../../shared/simulation-rules.ts';

// Simulator rules for multiple-choice suites, and what the simulator will actually answer when rules collide.

/** Log-prob sum of the choice the script makes win: far above the others, also per character. */
export const SIM_WINNING_LOGPROB = -0.5;
/** Log-prob sum of every other choice. */
export const SIM_LOSING_LOGPROB = -1000;

// One rule per choice, specific to the whole prompt; `endsWith` makes the simulator score only the continuation.
export function buildLoglikelihoodRules(request: LoglikelihoodPrompt, winner: number): SimRule[] {
  return request.continuations.map((continuation, i) => ({
    match: { equals: request.context + continuation, endsWith: continuation, endpoint: 'completions' as const },
    logprob: i === winner ? SIM_WINNING_LOGPROB : SIM_LOSING_LOGPROB,
  }));
}

// The simulator takes the first matching rule: a duplicated prompt (HellaSwag repeats some items) gets the first
// case's answer, so expected scores are computed from what it will really reply.
export class FirstRuleLookup {
  private readonly chat = new Map<string, string>();
  private readonly logprobs = new Map<string, number>();

  constructor(rules: readonly SimRule[]) {
    for (const rule of rules) {
      const text = rule.match.equals;
      if (text === undefined) continue;
      if (rule.match.endpoint === 'chat' && rule.response !== undefined && !this.chat.has(text)) this.chat.set(text, rule.response);
      if (rule.match.endpoint === 'completions' && rule.logprob !== undefined && !this.logprobs.has(text))
        this.logprobs.set(text, rule.logprob);
    }
  }

  chatResponse(lastUserMessage: string): string {
    return this.chat.get(lastUserMessage) ?? '';
  }

  choiceSums(request: LoglikelihoodPrompt): number[] {
    return request.continuations.map((c) => this.logprobs.get(request.context + c) ?? SIM_LOSING_LOGPROB);
  }
}

// Index of the wrong choice a `wrong` case settles on: the one after the gold.
export function pickWrongChoice(gold: number, count: number): number {
  return (gold + 1) % count;
}

// Mean of per-case scores, 0 for no cases.
export function meanOf(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
