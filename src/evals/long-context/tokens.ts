// Token estimate of the prompt's fixed parts (instructions, needles, question), after Qwen2's pre-tokenizer: a run of
// letters with its leading space or mark, one digit, a run of punctuation, a newline run. Exact for the common words
// and numbers the suite writes; rare letter runs cost more in the real tokenizer, which the length tolerance absorbs.

const QWEN_PIECE = /'(?:s|t|re|ve|m|ll|d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/giu;

/**
 * Estimated tokens of a text in Qwen's tokenizer.
 * @example estimateTokens('The key is: 1234567.') // 12
 */
export function estimateTokens(text: string): number {
  let count = 0;
  for (const _ of text.matchAll(QWEN_PIECE)) count++;
  return count;
}
