// qwen-evals' Vitest matchers (`qwen-evals/matchers`): the built-in scorers as assertions, for a failing test per
// case. Importing this module registers them with `expect.extend` (or list it in `setupFiles`).
import { expect } from 'vitest';
import type { AnswerLike } from './runtime/matchers/answer-text.ts';
import { toChooseLetter, type ChooseLetterOptions } from './runtime/matchers/choose-letter.ts';
import { toMatchJsonSchema, type MatchJsonSchemaOptions } from './runtime/matchers/match-json-schema.ts';
import { toMatchNumber, type MatchNumberOptions } from './runtime/matchers/match-number.ts';
import { toPassPythonTests, type PassPythonTestsOptions } from './runtime/matchers/pass-python-tests.ts';
import type { z } from 'zod';

export type { AnswerLike, ChooseLetterOptions, MatchJsonSchemaOptions, MatchNumberOptions, PassPythonTestsOptions };

/** The matchers, as `expect.extend` takes them (registered when this module is imported). */
export const evalMatchers = { toMatchNumber, toChooseLetter, toMatchJsonSchema, toPassPythonTests };

/** Types of the qwen-evals matchers on `expect(answer)`; the answer is a string or a result with `text`. */
export interface EvalMatchers<R = unknown> {
  /**
   * The number read from the answer equals `expected`, as numbers (`1,080` = `1080.00`).
   * @example expect('so \\boxed{18}').toMatchNumber(18, { extract: 'boxed' })
   */
  toMatchNumber(expected: number | string, options?: MatchNumberOptions): R;
  /**
   * The final choice the answer states (`Answer: C`, `(C)`, `**C**`, an option's text) is `expected`.
   * @example expect('The answer is (C).').toChooseLetter('C')
   */
  toChooseLetter(expected: string, options?: ChooseLetterOptions): R;
  /**
   * The answer (or its last ```json block) is JSON the zod schema accepts.
   * @example expect('{"city":"Oslo"}').toMatchJsonSchema(z.object({ city: z.string() }))
   */
  toMatchJsonSchema(schema: z.ZodType, options?: MatchJsonSchemaOptions): R;
  /**
   * The answer's Python code passes the tests in the sandbox (needs bubblewrap). Await it.
   * @example await expect(answer).toPassPythonTests({ tests: ['assert add(1, 2) == 3'], entryPoint: 'add' })
   */
  toPassPythonTests(options: PassPythonTestsOptions): Promise<R>;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: must repeat Vitest's own declaration of `Matchers` exactly
  interface Matchers<T = any> extends EvalMatchers<T> {}
}

expect.extend(evalMatchers);
