// Tensor and data parallel sizes of `vllm serve` (shared/vllm/server-behaviour.md section 10), as far as the
// simulator models them: `-dp N` runs N engines of `--max-num-seqs` each behind the one port, so the batching model
// gets N times the slots; `-tp N` only shows in the engine's config line (no GPU, so no faster steps).

/**
 * @typedef {{ tensorParallelSize: number, dataParallelSize: number }} ParallelConfig
 */

// Parallel sizes from the parsed args; vLLM's defaults are 1.
/** @param {Record<string, unknown>} values @returns {ParallelConfig} */
export function resolveParallel(values) {
  return {
    tensorParallelSize: /** @type {number} */ (values.tensor_parallel_size ?? 1),
    dataParallelSize: /** @type {number} */ (values.data_parallel_size ?? 1),
  };
}

// Sequences the whole server runs at once: `--max-num-seqs` applies per data-parallel engine.
/** @param {{ maxNumSeqs: number } & ParallelConfig} config */
export function totalSlots(config) {
  return config.maxNumSeqs * config.dataParallelSize;
}
