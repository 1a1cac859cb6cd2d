import type { EvalEnv } from '../../../shared/config/env.ts';

// When the response cache answers and when it keeps answers. Precedence: EVAL_CACHE > the run's kind (watch mode,
// replay) > off.

/** `off`: never used; `read`: answers from it, adds nothing; `readwrite`: answers from it and keeps new answers. */
export type CacheMode = 'off' | 'read' | 'readwrite';

/** How this run uses the response cache. */
export interface CachePolicy {
  mode: CacheMode;
  /** Only greedy requests (temperature 0) are looked up and kept: an answer sampled at random is not "the" answer. */
  greedyOnly: boolean;
  /** Why, for the run's start line: `EVAL_CACHE=read`, `watch mode`. */
  reason: string;
}

/** The policy for this run: EVAL_CACHE when set; else readwrite for greedy requests in watch mode, read in a replay, off. */
export function resolveCachePolicy(value: EvalEnv['EVAL_CACHE'], run: { watch: boolean; replay: boolean }): CachePolicy {
  if (value) return { mode: value, greedyOnly: false, reason: `EVAL_CACHE=${value}` };
  if (run.replay) return { mode: 'read', greedyOnly: false, reason: 'replay: no server, cached answers only' };
  if (run.watch) return { mode: 'readwrite', greedyOnly: true, reason: 'watch mode: temperature-0 requests' };
  return { mode: 'off', greedyOnly: false, reason: 'outside watch mode; EVAL_CACHE=readwrite turns it on' };
}
