// RoPE overrides (`--hf-overrides '{"rope_parameters": {...}}'`, or the older `rope_scaling` key) and the context
// length vLLM derives from them (vllm/config/model.py `_get_and_verify_max_len`): YaRN scales
// `original_max_position_embeddings` by `factor`; other scaling types with a factor (not su, longrope, llama3) scale
// the model's own `max_position_embeddings`.

/** @typedef {import('./model-info.mjs').ModelShape} ModelShape */

/**
 * The model shape as the overrides leave it: `maxPos` is the derived max model length.
 * @param {ModelShape} shape @param {unknown} hfOverrides @returns {ModelShape}
 */
export function applyRopeOverrides(shape, hfOverrides) {
  const overrides = /** @type {Record<string, any> | null | undefined} */ (hfOverrides);
  const rope = overrides?.rope_parameters ?? overrides?.rope_scaling;
  if (typeof rope !== 'object' || rope === null) return shape;
  const type = rope.rope_type ?? rope.type;
  if (typeof type !== 'string' || ['su', 'longrope', 'llama3'].includes(type)) return shape;
  const factor = typeof rope.factor === 'number' ? rope.factor : 1;
  const base =
    type === 'yarn' && typeof rope.original_max_position_embeddings === 'number' ? rope.original_max_position_embeddings : shape.maxPos;
  return { ...shape, maxPos: Math.floor(base * factor) };
}
