import type { ModelConfig, PresetConfig } from '../../shared/config/schema.ts';

// YaRN for long contexts, the way vLLM v0.21 takes it (Qwen's recommendation for its 32K models): the RoPE override
// through `--hf-overrides` with `rope_parameters` and a 131072-token `--max-model-len`. vLLM's YaRN is static: it
// changes answers at every length, so it is switched on only for runs that need more than the model's own context.
// The removed `--rope-scaling` flag is never passed (vLLM v0.21 refuses it).

/** The native context YaRN applies to. @unit tokens */
export const YARN_NATIVE_CONTEXT = 32_768;
/** Scaling factor: 32768 x 4 = 131072. */
export const YARN_FACTOR = 4;
/** `--max-model-len` with YaRN. @unit tokens */
export const YARN_MAX_MODEL_LEN = YARN_NATIVE_CONTEXT * YARN_FACTOR;

/** Why YaRN is on or off for a launch, for the run's log. */
export interface YarnDecision {
  enabled: boolean;
  reason: string;
}

/**
 * Decide YaRN for a model whose run needs `contextTokens` (prompt and answer): on only when the model's native context
 * (`contextLength`) is 32768, the run needs more, and no `--hf-overrides` of the user's already sets the model config.
 */
export function decideYarn(model: ModelConfig, preset: Pick<PresetConfig, 'extraArgs'>, contextTokens: number): YarnDecision {
  const native = model.contextLength;
  if (contextTokens <= (native ?? YARN_NATIVE_CONTEXT)) return { enabled: false, reason: 'not needed' };
  if (native === undefined) {
    return {
      enabled: false,
      reason: `the run needs ${contextTokens} tokens but ${model.id}'s native context is unknown; set \`contextLength\` (32768 for Qwen2.5) to serve it with YaRN, else longer prompts fail per case`,
    };
  }
  if (native !== YARN_NATIVE_CONTEXT) {
    return {
      enabled: false,
      reason: `the run needs ${contextTokens} tokens; YaRN is only set up for 32768-token models, ${model.id} has ${native}`,
    };
  }
  if ([...preset.extraArgs, ...model.extraArgs].some((arg) => arg.startsWith('--hf-overrides'))) {
    return { enabled: false, reason: 'the config passes its own --hf-overrides' };
  }
  return { enabled: true, reason: `the run needs ${contextTokens} tokens, more than ${model.id}'s ${native}` };
}

/** `vllm serve` flags of YaRN: the RoPE override and the longer context (`maxModelLen` of the config when set). */
export function yarnArgs(model: Pick<ModelConfig, 'maxModelLen'>): string[] {
  // Written by hand so the factor stays a float (`4.0`), as Hugging Face configs write it.
  const overrides = `{"rope_parameters":{"rope_type":"yarn","factor":${YARN_FACTOR.toFixed(1)},"original_max_position_embeddings":${YARN_NATIVE_CONTEXT}}}`;
  return ['--hf-overrides', overrides, '--max-model-len', String(model.maxModelLen ?? YARN_MAX_MODEL_LEN)];
}
