// Importing vitest here makes its TaskMeta re-export resolvable for the augmentation below, whatever the file order.
import type {} from 'vitest';
import { z } from 'zod';

// The per-case record: written by a suite into `task.meta.evalCase`, appended to `cases/<runId>.jsonl` by the
// reporter, summarised into the run record. Every other per-case shape derives from this one.

/**
 * How a case ended. A wrong answer is a result; only `error` means the pipeline broke for this case. `parser_failed`: the
 * server's output parser (vLLM's tool parser) could not read the answer, so it is neither right nor a model failure; such a
 * case is not scored (its primary score is null) and is counted apart.
 */
export const VerdictSchema = z.enum(['correct', 'wrong', 'unparseable', 'graded', 'error', 'parser_failed']);
export type Verdict = z.infer<typeof VerdictSchema>;

/** Serialised error: Error objects do not survive the worker -> main structured clone intact. */
export const ErrorInfoSchema = z.object({
  name: z.string(),
  code: z.string().optional(),
  message: z.string(),
  /** Failure class of a request error (`timeout-idle`, `context-length`, `http`, ...); absent for other errors. */
  kind: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

/** Token usage summed over every request the case made; null = the server did not say (no usage chunk). */
export const UsageSchema = z.object({
  promptTokens: z.number().int().nonnegative().nullable(),
  completionTokens: z.number().int().nonnegative().nullable(),
  /** Reasoning tokens of the answers that had reasoning (part of the completion tokens); null = some count unknown. Absent without reasoning. */
  reasoningTokens: z.number().int().nonnegative().nullable().optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

/**
 * A reasoning model's reasoning for one answer, kept apart from it: scorers never see it. `splitBy` says who took it
 * out of the answer: `server` (vLLM's `--reasoning-parser`, `message.reasoning`) or `harness` (a leading
 * `<think>…</think>` left in the answer: the server runs without a reasoning parser).
 */
export const ReasoningRecordSchema = z.object({
  /** The reasoning, cut to the answer cap like responses. */
  text: z.string(),
  splitBy: z.enum(['server', 'harness']),
  /** Its tokens: the server's `completion_tokens_details.reasoning_tokens`, else the server's `/tokenize` count; null when neither answered. */
  tokens: z.number().int().nonnegative().nullable(),
  /** Set when the reasoning was longer than the cap and was cut to it. */
  capped: z.object({ originalChars: z.number().int().positive() }).nullable(),
});
export type ReasoningRecord = z.infer<typeof ReasoningRecordSchema>;

/** Client-side timings in milliseconds; `ttftMs` is null for non-streaming requests. */
export const TimingSchema = z.object({
  /** HTTP requests the case sent, every retry counted. */
  requests: z.number().int().nonnegative(),
  ttftMs: z.number().nonnegative().nullable(),
  latencyMs: z.number().nonnegative(),
});
export type Timing = z.infer<typeof TimingSchema>;

/** Data-quality facts of the case's responses, counted per response. */
export const QualitySchema = z.object({
  /** Responses that stopped at `max_tokens` (finish_reason `length`): the answer may be cut short. */
  truncated: z.number().int().nonnegative(),
  /** Responses with more completion tokens than `max_tokens` asked for: the server ignored the limit. */
  overLength: z.number().int().nonnegative(),
  /** Responses cut to the storage cap before scoring. */
  capped: z.number().int().nonnegative(),
  /** Tries beyond the first (timeouts, resets, 5xx). */
  retries: z.number().int().nonnegative(),
});
export type Quality = z.infer<typeof QualitySchema>;

/**
 * Requests of a case the dispatcher answered from its response cache (`EVAL_CACHE`), with their tokens: an answer
 * that cost the server nothing, so it is left out of throughput and latency.
 */
export const CacheUseSchema = z.object({
  hits: z.number().int().positive(),
  promptTokens: z.number().int().nonnegative().nullable(),
  completionTokens: z.number().int().nonnegative().nullable(),
});
export type CacheUse = z.infer<typeof CacheUseSchema>;

/** Quality of a case that made no request. */
export const NO_QUALITY_ISSUES: Quality = Object.freeze({ truncated: 0, overLength: 0, capped: 0, retries: 0 });

/** One evaluated case. `scores` maps each metric of the suite to 0..1 (pass/fail) or a grade; null = not applicable. */
export const CaseRecordSchema = z.object({
  /** Run that produced the record, so a copied cases file keeps its origin. */
  runId: z.string().min(1),
  /** Simulation mode of the server that answered (`gold`, `wrong`, `mix:0.3`, `script`); null = a real model. */
  simulation: z.string().nullable(),
  dataset: z.string().min(1),
  variant: z.string().min(1),
  /** The dataset's own id (GSM8K: 0-based index in test.jsonl; ARC: `id`; MT-Bench: `question_id`). */
  caseId: z.string().min(1),
  /** Human-readable transcript of what was sent (chat messages rendered `role: content`). */
  prompt: z.string(),
  response: z.string().nullable(),
  expected: z.string(),
  /** What each metric's extractor took from the response; null = nothing parseable. */
  extracted: z.record(z.string(), z.string().nullable()),
  scores: z.record(z.string(), z.number().nullable()),
  /** Ratio metrics only: how many units the case's score is a share of (IFEval: the prompt's instructions). */
  units: z.record(z.string(), z.number().int().positive()).optional(),
  verdict: VerdictSchema,
  error: ErrorInfoSchema.optional(),
  usage: UsageSchema,
  /** Reasoning of each answer that had some (a multi-turn case has several), never scored; absent when none had any. */
  reasoning: z.array(ReasoningRecordSchema).optional(),
  timing: TimingSchema,
  quality: QualitySchema,
  /** Suite-specific facts (per-turn scores, failing assert, judge text). Must be JSON-serialisable. */
  detail: z.record(z.string(), z.unknown()).optional(),
  /** Present when some of the case's requests were answered from the response cache. */
  cache: CacheUseSchema.optional(),
  /** Run whose recorded answer this case scored again (`EVAL_REPLAY`): nothing was asked of a server. */
  replayOf: z.string().optional(),
  /** What an eval's own `task` returned (JSON), kept so that a replay can score it again; absent for the default task. */
  output: z.unknown().optional(),
});
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

// Tolerant read for reporters: undefined when the meta is absent or malformed.
export function readCaseRecord(value: unknown): CaseRecord | undefined {
  const parsed = CaseRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set by every eval case before any assertion can throw. */
    evalCase?: CaseRecord;
  }
}
