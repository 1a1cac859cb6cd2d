const FENCE = '```';

// Wrap code the way a chat model answers: a sentence, a python block, a closing remark.
export function asChatAnswer(code: string): string {
  return `Here is the completed function:\n\n${FENCE}python\n${code.trimEnd()}\n${FENCE}\n\nThis implementation handles the examples in the docstring.`;
}

// A plausible wrong answer that must fail: the given signature (plus whatever precedes it) returning None.
export function asWrongAnswer(signature: string): string {
  return asChatAnswer(`${signature}\n    # Edge cases first\n    return None\n`);
}
