import { BFCL_CATEGORIES, BfclCategorySchema, type BfclCategory } from './categories.ts';
import type { BfclMode } from './score-case.ts';

// Dataset keys of the BFCL suite: one variant per category in the primary mode (`bfcl/simple_python`: the OpenAI tools
// API through vLLM's parser), and `<category>.qwen_text` for BFCL's own Qwen prompt on raw completions. Numbers of the
// two modes are never compared: they are different keys.

/** Suffix of the variants asked in Qwen prompt mode. */
export const QWEN_TEXT_SUFFIX = '.qwen_text';

/** Every BFCL variant: the 13 categories in tools mode, then the same in Qwen prompt mode. */
export const BFCL_VARIANTS: readonly string[] = [...BFCL_CATEGORIES, ...BFCL_CATEGORIES.map((c) => `${c}${QWEN_TEXT_SUFFIX}`)];

/** Variants run when the config names none: every category, tools mode. */
export const BFCL_DEFAULT_VARIANTS: readonly string[] = BFCL_CATEGORIES;

/** A variant's category and mode. */
export interface BfclVariant {
  category: BfclCategory;
  mode: BfclMode;
}

/**
 * Read a variant name.
 * @example parseBfclVariant('simple_python.qwen_text') // { category: 'simple_python', mode: 'qwen_text' }
 */
export function parseBfclVariant(variant: string): BfclVariant {
  const qwenText = variant.endsWith(QWEN_TEXT_SUFFIX);
  const category = BfclCategorySchema.parse(qwenText ? variant.slice(0, -QWEN_TEXT_SUFFIX.length) : variant);
  return { category, mode: qwenText ? 'qwen_text' : 'tools' };
}

/** The variant name of a category in a mode. */
export function bfclVariant(category: BfclCategory, mode: BfclMode): string {
  return mode === 'tools' ? category : `${category}${QWEN_TEXT_SUFFIX}`;
}
