import { z } from 'zod';
import { MalformedResponseError } from '../../shared/errors.ts';

// Sum the prompt log-probs of a continuation from an echoed `/v1/completions` response.

const EchoLogprobsSchema = z.looseObject({
  tokens: z.array(z.string()),
  token_logprobs: z.array(z.number().nullable()),
  text_offset: z.array(z.number().int().nonnegative()),
});

/** The `logprobs` object of one completions choice, as sent with `echo: true, logprobs: 0|1`. */
export type EchoLogprobs = z.input<typeof EchoLogprobsSchema>;

/** Where the continuation starts and, optionally, where the prompt ends. */
export interface ContinuationSpan {
  /**
   * Length of the context in the unit of the server's `text_offset`, i.e. where the continuation starts. vLLM
   * counts Unicode code points (`[...context].length`), which equals `context.length` for text without astral
   * characters.
   */
  contextLength: number;
  /**
   * Length of context + continuation. Tokens at or after it were generated, not echoed, and are left out; pass it
   * whenever the request had `max_tokens` > 0.
   * @default all tokens after the context count
   */
  promptLength?: number;
}

/** Sum and count of the continuation's token log-probs. */
export interface ContinuationLogprob {
  sum: number;
  tokens: number;
}

/**
 * Sum the log-probs of the tokens whose `text_offset` is at or after `contextLength` (lm-eval's
 * `sum(token_logprobs[ctxlen:-1])`, located by text offset instead of token count). Throws
 * `MalformedResponseError` when the arrays disagree in length, a continuation log-prob is null, no token falls in
 * the continuation, or a token straddles the context boundary (the tokenizer merged context and continuation; send
 * token ids instead).
 */
export function sumContinuationLogprobs(logprobs: unknown, span: ContinuationSpan): ContinuationLogprob {
  const parsed = EchoLogprobsSchema.safeParse(logprobs);
  if (!parsed.success) {
    throw new MalformedResponseError(
      `Completions \`logprobs\` lacks tokens/token_logprobs/text_offset arrays; was the request sent with \`echo: true\` and \`logprobs\`? ${parsed.error.message}`,
    );
  }
  const { tokens, token_logprobs: values, text_offset: offsets } = parsed.data;
  if (tokens.length !== values.length || tokens.length !== offsets.length) {
    throw new MalformedResponseError(
      `Completions logprobs arrays differ in length: tokens ${tokens.length}, token_logprobs ${values.length}, text_offset ${offsets.length}.`,
    );
  }
  const end = span.promptLength ?? Number.POSITIVE_INFINITY;
  let sum = 0;
  let count = 0;
  for (const [i, offset] of offsets.entries()) {
    const next = offsets[i + 1] ?? offset + (tokens[i]?.length ?? 0);
    if (offset < span.contextLength && next > span.contextLength) {
      throw new MalformedResponseError(
        `Token ${i} (${JSON.stringify(tokens[i])}) spans the context/continuation boundary at ${span.contextLength}; tokenize context and continuation separately.`,
      );
    }
    if (offset < span.contextLength || offset >= end) continue;
    const value = values[i];
    if (value === null || value === undefined) {
      throw new MalformedResponseError(`Token ${i} (${JSON.stringify(tokens[i])}) of the continuation has no log-prob.`);
    }
    sum += value;
    count++;
  }
  if (count === 0) {
    throw new MalformedResponseError(
      `No echoed token starts at or after the context length ${span.contextLength}; was \`echo: true\` set?`,
    );
  }
  return { sum, tokens: count };
}
