// Importing vitest here makes its TaskMeta re-export resolvable for the augmentation below, whatever the file order.
import type {} from 'vitest';
import { z } from 'zod';

// The per-case record: written by a suite into `task.meta.evalCase`, read by reporters and tools.

/** How a case ended. A wrong answer is a result; only `error` means the pipeline broke for this case. */
export const VerdictSchema = z.enum(['correct', 'wrong', 'unparseable', 'graded', 'error']);
export type Verdict = z.infer<typeof VerdictSchema>;

/** Serialised error: Error objects do not survive the worker -> main structured clone intact. */
export const ErrorInfoSchema = z.object({
  name: z.string(),
  code: z.string().optional(),
  message: z.string(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

/** Token usage summed over every request the case made. */
export const UsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof UsageSchema>;

/** Client-side timings in milliseconds; `ttftMs` is null for non-streaming requests. */
export const TimingSchema = z.object({
  requests: z.number().int().nonnegative(),
  ttftMs: z.number().nonnegative().nullable(),
  latencyMs: z.number().nonnegative(),
});
export type Timing = z.infer<typeof TimingSchema>;

/** One evaluated case. `scores` maps each metric of the suite to 0..1 (pass/fail) or a grade; null = not applicable. */
export const CaseRecordSchema = z.object({
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
  verdict: VerdictSchema,
  error: ErrorInfoSchema.optional(),
  usage: UsageSchema,
  timing: TimingSchema,
  /** Suite-specific facts (per-turn scores, failing assert, judge text). Must be JSON-serialisable. */
  detail: z.record(z.string(), z.unknown()).optional(),
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
