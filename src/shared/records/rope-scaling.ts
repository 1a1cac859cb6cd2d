import { z } from 'zod';

// RoPE scaling a server was started with, read from its `vllm serve` command (`--hf-overrides` with
// `rope_parameters`, or the older `rope_scaling` key): it changes every answer, so runs record it and compare on it.

/** RoPE scaling of the served model: the method, its factor and the context it scales from. */
export const RopeScalingSchema = z.object({
  /** vLLM's `rope_type`, e.g. `yarn`. */
  type: z.string(),
  factor: z.number().nullable(),
  /** Context the factor scales from (`original_max_position_embeddings`); null when not given. */
  originalMaxPositionEmbeddings: z.number().int().nullable(),
});
export type RopeScaling = z.infer<typeof RopeScalingSchema>;

/**
 * RoPE scaling set by a `vllm serve` argv through `--hf-overrides`; null when none (or the JSON cannot be read).
 * @example readRopeScaling(['vllm', 'serve', 'm', '--hf-overrides', '{"rope_parameters":{"rope_type":"yarn","factor":4.0}}'])
 * // { type: 'yarn', factor: 4, originalMaxPositionEmbeddings: null }
 */
export function readRopeScaling(argv: readonly string[] | null): RopeScaling | null {
  if (!argv) return null;
  let found: RopeScaling | null = null;
  argv.forEach((arg, i) => {
    const value = arg === '--hf-overrides' ? argv[i + 1] : arg.startsWith('--hf-overrides=') ? arg.slice('--hf-overrides='.length) : null;
    if (value) found = parseOverrides(value) ?? found;
  });
  return found;
}

/** One line for reports: `yarn x4 from 32768`. */
export function describeRopeScaling(rope: RopeScaling | null): string {
  if (!rope) return 'none';
  return `${rope.type}${rope.factor === null ? '' : ` x${rope.factor}`}${rope.originalMaxPositionEmbeddings === null ? '' : ` from ${rope.originalMaxPositionEmbeddings}`}`;
}

function parseOverrides(json: string): RopeScaling | null {
  let overrides: unknown;
  try {
    overrides = JSON.parse(json);
  } catch {
    return null;
  }
  const record = overrides as { rope_parameters?: unknown; rope_scaling?: unknown } | null;
  const rope = (record?.rope_parameters ?? record?.rope_scaling) as Record<string, unknown> | undefined;
  if (typeof rope !== 'object' || rope === null) return null;
  const type = rope.rope_type ?? rope.type;
  if (typeof type !== 'string' || type === 'default') return null;
  return {
    type,
    factor: typeof rope.factor === 'number' ? rope.factor : null,
    originalMaxPositionEmbeddings: typeof rope.original_max_position_embeddings === 'number' ? rope.original_max_position_embeddings : null,
  };
}
