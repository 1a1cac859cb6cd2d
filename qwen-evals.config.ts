import { defineEvalConfig } from './src/config.ts';

// Models, presets and gates of this project. Add your own model under `models`; its key becomes a
// Vitest project: `pnpm vitest run --project <key>`.
export default defineEvalConfig({
  models: {
    qwen3_8b: { id: 'Qwen/Qwen2.5-7B-Instruct', sizeB: 7.6, contextLength: 32768, license: 'Apache-2.0' },
    qwen3_14b: { id: 'Qwen/Qwen2.5-14B-Instruct', sizeB: 14.7, contextLength: 32768, license: 'Apache-2.0' },
    qwen3_14b_awq: {
      id: 'Qwen/Qwen2.5-14B-Instruct-AWQ',
      quantization: 'awq_marlin',
      sizeB: 14.7,
      contextLength: 32768,
      license: 'Apache-2.0',
    },
  },
  // From the tracker; its batch sizes (16/8/4) left the GPU idle, so the client's in-flight limit now
  // follows max sequences instead.
  presets: {
    performance: { gpuMemoryUtilization: 0.9, maxNumSeqs: 128, prefixCaching: true },
    balanced: { gpuMemoryUtilization: 0.85, maxNumSeqs: 64, prefixCaching: true },
    memory_optimized: { gpuMemoryUtilization: 0.7, maxNumSeqs: 32, prefixCaching: false },
  },
  defaultPreset: 'balanced',
  // Minimum scores, per model, dataset key and metric. Qwen's published instruct GSM8K: 91.6 (7B), 94.8 (14B).
  thresholds: {
    qwen3_8b: { 'gsm8k/0shot': { strict: 0.85 } },
    qwen3_14b: { 'gsm8k/0shot': { strict: 0.88 } },
    qwen3_14b_awq: { 'gsm8k/0shot': { strict: 0.86 } },
  },
});
