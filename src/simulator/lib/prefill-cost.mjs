// Prefill time of the timing model: a step that computes the prompts of newly admitted sequences takes
// VLLM_SIM_PREFILL_MS_PER_1K_TOKENS for every 1000 uncached prompt tokens on top of its decode time, so TTFT grows with
// the prompt. Real vLLM splits long prefills into `--max-num-batched-tokens` chunks interleaved with decode steps; the
// simulator computes a prompt in the step that admits it (the same total time, in one longer step).

/**
 * Extra milliseconds of a step for the prefills it computes.
 * @param {Iterable<import('./engine.mjs').Sequence>} running @param {number} msPer1kTokens
 */
export function prefillCostMs(running, msPer1kTokens) {
  if (msPer1kTokens <= 0) return 0;
  let tokens = 0;
  for (const seq of running) {
    if (seq.produced === 0 && seq.firstTokenMs === undefined) tokens += seq.promptIds.length - (seq.cachedTokens ?? 0);
  }
  return (tokens / 1000) * msPer1kTokens;
}
