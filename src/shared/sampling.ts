import { z } from 'zod';

// Sampling sent explicitly on every request: vLLM would otherwise apply the model's generation_config
// (Qwen: temperature 0.7, top_p 0.8, repetition_penalty 1.05). One schema for the config, the client and records.

export const SamplingSchema = z.strictObject({
  /** @default 0 (greedy) */
  temperature: z.number().min(0).default(0),
  /** @default 1 */
  topP: z.number().gt(0).lte(1).default(1),
  /** Per-request sampling seed. @default 1234 */
  seed: z.number().int().default(1234),
  /** Upper bound of generated tokens per request. @default 1024 */
  maxTokens: z.number().int().positive().default(1024),
  /** Stop strings; none by default. */
  stop: z.array(z.string()).optional(),
});
/** Resolved sampling parameters of a request. */
export type Sampling = z.output<typeof SamplingSchema>;
