import type { MatcherState } from 'vitest';
import { type SyncMatcherResult, answerText } from './answer-text.ts';
import { runPythonTests } from '../../scorers/python-tests/run-python-tests.ts';
import type { IsolationMode, SandboxLimits } from '../../scorers/python-tests/sandbox/types.ts';
import { getSharedSandbox } from '../../scorers/python-tests/shared-sandbox.ts';

/** Options of `toPassPythonTests`. */
export interface PassPythonTestsOptions {
  /** Python test snippets (asserts), run one after the other against the answer's code. */
  tests: string | readonly string[];
  /** The function the tests call; a code block defining it wins over other blocks. */
  entryPoint?: string;
  /** Test-side setup run after the candidate, before the tests. */
  setup?: string;
  limits?: Partial<SandboxLimits>;
  /** Isolation of the answer's code: `bwrap` (fails closed) or the opt-in `unsafe-rlimits-only`. @default 'bwrap' */
  isolation?: IsolationMode;
}

// await expect(answer).toPassPythonTests({ tests: ['assert add(1, 2) == 3'] }): the answer's code passes in the sandbox.
export async function toPassPythonTests(
  this: MatcherState,
  received: unknown,
  options: PassPythonTestsOptions,
): Promise<SyncMatcherResult> {
  const text = answerText(received, 'toPassPythonTests');
  const tests = typeof options.tests === 'string' ? [options.tests] : [...options.tests];
  const sandbox = await getSharedSandbox(options.isolation ?? 'bwrap');
  const scored = await runPythonTests(sandbox, text, {
    ...(options.entryPoint ? { entryPoint: options.entryPoint } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    build: (code) => ({ code, tests, ...(options.setup ? { setup: options.setup } : {}) }),
  });
  const result = scored.result;
  const why = !result
    ? 'no Python code found in the answer'
    : result.status === 'passed'
      ? 'every test passed'
      : `${result.status}${result.failingAssert ? ` at \`${result.failingAssert}\`` : ''}: ${result.detail}`;
  return {
    pass: result?.status === 'passed',
    message: () => `expected the answer's code ${this.isNot ? 'not ' : ''}to pass the tests; ${why}`,
  };
}
