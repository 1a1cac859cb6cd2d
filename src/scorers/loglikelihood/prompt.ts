// lm-eval style log-likelihood requests: one context, one continuation per choice.

/** A log-likelihood request: one context, one continuation per choice (scored with `/v1/completions` + echo). */
export interface LoglikelihoodPrompt {
  context: string;
  /** `' ' + choice text` for each choice, in choice order (lm-eval's target delimiter is one space). */
  continuations: string[];
  /** Choice texts without the delimiter: what `acc_norm` measures. */
  choiceTexts: string[];
}

/** Build a log-likelihood request from a context and the choice texts. */
export function buildLoglikelihoodPrompt(context: string, choiceTexts: readonly string[]): LoglikelihoodPrompt {
  return { context, continuations: choiceTexts.map((t) => ` ${t}`), choiceTexts: [...choiceTexts] };
}
