import type { SandboxProgram } from '../../scorers/python-tests/sandbox/types.ts';
import { definesFunction } from '../../scorers/python-tests/extract-code.ts';
import type { HumanEvalProblem } from './reader.ts';

/** How the completion was joined to the prompt. */
export type HumanEvalAssembly = 'full-definition' | 'body-continuation';

// The prompt up to the entry point's `def` line: imports and helper functions.
export function promptPreamble(problem: HumanEvalProblem): string {
  const match = new RegExp(`^(?:async\\s+)?def\\s+${problem.entryPoint}\\s*\\(`, 'm').exec(problem.prompt);
  return match ? problem.prompt.slice(0, match.index) : problem.prompt;
}

// Indent a body that was returned flush-left (e.g. "return x" without the signature).
function indentIfFlush(code: string): string {
  const lines = code.split('\n').filter((l) => l.trim() !== '');
  const flush = lines.length > 0 && lines.every((l) => !/^\s/.test(l)) && !/^(?:def|class|import|from|@)\b/.test(lines[0]!);
  return flush
    ? code
        .split('\n')
        .map((l) => (l.trim() === '' ? l : `    ${l}`))
        .join('\n')
    : code;
}

/**
 * Candidate source for a HumanEval problem.
 * Completion defines `def entry_point(` at module level: full definition, prefixed by the
 * prompt's imports and helpers. Otherwise: continuation of the prompt's body (prompt + code,
 * as openai/human-eval does), indenting a flush-left body.
 */
export function assembleHumanEvalCode(problem: HumanEvalProblem, code: string): { code: string; assembly: HumanEvalAssembly } {
  if (definesFunction(code, problem.entryPoint)) {
    return { code: `${promptPreamble(problem)}\n${code}`, assembly: 'full-definition' };
  }
  return { code: problem.prompt + indentIfFlush(code), assembly: 'body-continuation' };
}

// Program for the sandbox: candidate, then the dataset `test` and `check(entry_point)`.
export function buildHumanEvalProgram(problem: HumanEvalProblem, code: string): SandboxProgram & { assembly: HumanEvalAssembly } {
  const assembled = assembleHumanEvalCode(problem, code);
  return {
    code: assembled.code,
    tests: [`${problem.test}\n\ncheck(${problem.entryPoint})\n`],
    assembly: assembled.assembly,
  };
}
