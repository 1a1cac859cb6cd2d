import { ConfigError } from '../../shared/errors.ts';

// The context lengths of the long-context suite: one variant (dataset key) per length, RULER's powers of two.

/** Tokens per length variant (`4k` = 4096, as RULER counts). */
export const LENGTH_TOKENS = {
  '4k': 4096,
  '8k': 8192,
  '16k': 16384,
  '32k': 32768,
  '64k': 65536,
  '128k': 131072,
} as const;

/** A length variant name. */
export type LengthVariant = keyof typeof LENGTH_TOKENS;

/** Every length variant, shortest first. */
export const LENGTH_VARIANTS = Object.keys(LENGTH_TOKENS) as LengthVariant[];

/** Lengths a selection runs by default: those a 32K-native model serves without RoPE scaling (YaRN changes every score). */
export const DEFAULT_LENGTH_VARIANTS: LengthVariant[] = ['4k', '8k', '16k', '32k'];

/**
 * Tokens of a length variant (prompt plus the answer budget).
 * @example lengthTokens('32k') // 32768
 */
export function lengthTokens(variant: string): number {
  const tokens = (LENGTH_TOKENS as Record<string, number>)[variant];
  if (tokens === undefined) {
    throw new ConfigError(
      `long_context: variant "${variant}" is not a length; expected one of ${LENGTH_VARIANTS.join(', ')} (config \`variants.long_context\`).`,
    );
  }
  return tokens;
}

/** The longest context (tokens) any of these variants needs; 0 for none. */
export function longestLength(variants: readonly string[]): number {
  return variants.reduce((most, variant) => Math.max(most, lengthTokens(variant)), 0);
}
