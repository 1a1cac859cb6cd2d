import type { ChatMessage } from '../../shared/chat-message.ts';
import type { Judge } from '../../runtime/judge.ts';
import type { Scorer, ScorerInput } from '../scorer.ts';
import { extractJudgeRating } from './extract-rating.ts';

/** Options of `llmJudge`. */
export interface LlmJudgeOptions<Item, Output> {
  /** Metric name. @default 'judge' */
  name?: string;
  /** Who judges (`createJudge(run, server)`); its `info` goes into the records. */
  judge: Judge;
  /** The judge's prompt for one case. */
  messages: (input: ScorerInput<Item, Output>) => ChatMessage[];
  /** Reads the grade from the judgment; null = unparseable. @default the first `[[n]]`, else `[n]` (FastChat) */
  parse?: (judgment: string) => number | null;
  /** Range of the grade. @default [1, 10] */
  range?: [number, number];
  /** Changes when the rubric changes (part of the prompt hash). */
  fingerprint?: string;
  description?: string;
}

/**
 * Grades an answer with an LLM judge: the configured external judge, or the model under test judging itself (its
 * requests then count with the case). The judgment text is recorded; a grade outside `range` is unparseable.
 * @example llmJudge({ judge, messages: ({ item, response }) => rubric(item, response) })
 */
export function llmJudge<Item, Output>(options: LlmJudgeOptions<Item, Output>): Scorer<Item, Output> {
  const range = options.range ?? [1, 10];
  const parse = options.parse ?? extractJudgeRating;
  return {
    name: options.name ?? 'judge',
    kind: 'mean',
    range,
    description: options.description ?? `grade from ${options.judge.info.model} on ${range[0]}-${range[1]}`,
    ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
    score: async (input) => {
      const client = options.judge.client ?? input.client;
      const judgment = await client.chat(options.messages(input), options.judge.sampling, input.signal);
      const grade = parse(judgment.text);
      const valid = grade !== null && grade >= range[0] && grade <= range[1];
      return {
        score: valid ? grade : null,
        extracted: valid ? String(grade) : null,
        detail: { judgment: judgment.text, judge: options.judge.info },
      };
    },
  };
}
