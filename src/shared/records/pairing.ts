import { z } from 'zod';
import { MetricKindSchema } from './metric.ts';

// A run paired case by case with the run it follows: a watch-mode re-run with the session's previous run, a replay
// with the run whose answers it scored again. Kept in the run record (`comparison`) and printed after the run.

/** Paired cases that differ, by what differs (each case counted once, under the first that applies). */
export const PairedChangesSchema = z.object({
  /** Cases whose rendered prompt differs: a prompt edit. */
  prompts: z.number().int().nonnegative(),
  /** Cases asked the same prompt that got another answer: the server (nondeterminism, or another server). */
  answers: z.number().int().nonnegative(),
  /** Cases with the same prompt and answer that scored differently: a scorer (or expected answer) edit. */
  scoring: z.number().int().nonnegative(),
});
export type PairedChanges = z.infer<typeof PairedChangesSchema>;

/**
 * What a dataset's change is attributed to: `data` (its files), `prompt` (rendered prompts differ), `scorer` (same
 * answers scored differently), `config` (sampling, model, judge or harness), `answers` (only the server's answers
 * differ: noise when nothing else changed). Empty: nothing changed.
 */
export const ChangeCauseSchema = z.enum(['data', 'prompt', 'scorer', 'config', 'answers']);
export type ChangeCause = z.infer<typeof ChangeCauseSchema>;

/** One dataset's primary metric, paired case by case with an earlier run. */
export const DatasetPairingSchema = z.object({
  /** The run this dataset's cases were paired with. */
  previousRunId: z.string(),
  metric: z.string(),
  kind: MetricKindSchema,
  test: z.enum(['exact McNemar', 'paired bootstrap', 'paired cluster bootstrap']),
  /** Cases scored in both runs. */
  nPaired: z.number().int().nonnegative(),
  /** Means over the paired cases. */
  before: z.number().nullable(),
  after: z.number().nullable(),
  /** after - before, with its 95% paired bootstrap interval. */
  diff: z.number().nullable(),
  ci: z.tuple([z.number(), z.number()]).nullable(),
  /** Two-sided p-value of "no change": exact McNemar on the flipped cases, or paired bootstrap for graded metrics. */
  p: z.number().nullable(),
  /** Case ids that got better (fail -> pass; a higher grade), then those that got worse. */
  fixed: z.array(z.string()),
  broken: z.array(z.string()),
  /** Flipped case ids known to flip between runs with identical fingerprints (see `unstable` in the tracker). */
  unstable: z.array(z.string()),
  changes: PairedChangesSchema,
  /** Score-changing fingerprint keys that differ for this dataset, e.g. `prompt.gsm8k/0shot`. */
  fingerprint: z.array(z.string()),
  causes: z.array(ChangeCauseSchema),
});
export type DatasetPairing = z.infer<typeof DatasetPairingSchema>;

/** A run paired with the run it follows. */
export const RunPairingSchema = z.object({
  /** `watch`: a watch-mode re-run and the session's previous run of each dataset; `replay`: a re-scoring and the replayed run. */
  kind: z.enum(['watch', 'replay']),
  /** The file whose change triggered a watch re-run, relative to the Vitest root; null when not known. */
  trigger: z.string().nullable(),
  /** Per dataset key present in both runs. */
  datasets: z.record(z.string(), DatasetPairingSchema),
});
export type RunPairing = z.infer<typeof RunPairingSchema>;
