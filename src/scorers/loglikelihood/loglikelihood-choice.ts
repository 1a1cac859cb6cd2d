import type { TaskContext } from '../../runtime/define-eval.ts';
import type { MultiScorer } from '../scorer.ts';
import type { LoglikelihoodPrompt } from './prompt.ts';
import { renderChoiceSums, scoreChoiceLoglikelihoods } from './request.ts';
import { LOGLIKELIHOOD_METRICS, scoreLoglikelihoodChoices, type LoglikelihoodOptions } from './score.ts';

// lm-eval's multiple_choice scoring over `/v1/completions` echo+logprobs: one request per choice, argmax of the
// summed continuation log-prob (`acc`) and of the same divided by the choice length (`acc_norm`).

/** What the log-likelihood task returns: per choice, the summed log-prob of its continuation. */
export interface LoglikelihoodOutput {
  sums: number[];
  /** Continuation tokens counted per choice. */
  tokens: number[];
  /** Choice texts without the delimiter: what `acc_norm` divides by. */
  choiceTexts: string[];
  /** One line per choice: label, summed log-prob, per-character value (the case record's response). */
  text: string;
}

/**
 * A task that scores every choice of a case as a continuation of its context (nothing is generated).
 * @example task: loglikelihoodTask((item) => buildLoglikelihoodPrompt(item.context, item.endings))
 */
export function loglikelihoodTask<Item>(
  request: (item: Item) => LoglikelihoodPrompt,
  labels?: (item: Item) => readonly string[],
): (item: Item, context: TaskContext) => Promise<LoglikelihoodOutput> {
  return async (item, context) => {
    const prompt = request(item);
    const result = await scoreChoiceLoglikelihoods(context.client, prompt, { seed: context.sampling.seed, signal: context.signal });
    const names = labels?.(item) ?? prompt.choiceTexts.map((_, i) => String(i));
    return {
      sums: result.sums,
      tokens: result.tokens,
      choiceTexts: prompt.choiceTexts,
      text: renderChoiceSums(prompt, names, result.sums),
    };
  };
}

/** Options of `loglikelihoodChoice`. */
export interface LoglikelihoodChoiceOptions<Item> extends LoglikelihoodOptions {
  /** Index of the gold choice. */
  gold: (item: Item) => number;
  /** How a picked choice is recorded (`B`); @default its index */
  label?: (item: Item, index: number) => string;
}

/**
 * Scores `acc` and `acc_norm` (primary) from a `loglikelihoodTask`'s output, as lm-eval does.
 * @example scorers: [loglikelihoodChoice({ gold: (item) => item.label })]
 */
export function loglikelihoodChoice<Item>(options: LoglikelihoodChoiceOptions<Item>): MultiScorer<Item, LoglikelihoodOutput> {
  return {
    metrics: LOGLIKELIHOOD_METRICS,
    score: ({ item, output }) => {
      const result = scoreLoglikelihoodChoices(output.choiceTexts, output.sums, options.gold(item), options);
      const label = (index: string) => options.label?.(item, Number(index)) ?? index;
      return {
        scores: result.scores,
        extracted: { acc: label(result.extracted.acc), acc_norm: label(result.extracted.acc_norm) },
        verdict: result.verdict,
        detail: { logprobSums: output.sums, continuationTokens: output.tokens },
      };
    },
  };
}
