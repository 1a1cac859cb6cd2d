import type { Sandbox } from '../../scorers/python-tests/sandbox/create-sandbox.ts';
import type { SandboxLimits } from '../../scorers/python-tests/sandbox/types.ts';
import { runPythonTests, type CodeScore } from '../../scorers/python-tests/run-python-tests.ts';
import type { HumanEvalProblem } from '../humaneval/reader.ts';
import type { MbppProblem } from '../mbpp/reader.ts';
import { buildCodeProgram } from './code-program.ts';

export type { CodeScore } from '../../scorers/python-tests/run-python-tests.ts';

// Score a HumanEval or MBPP answer in the sandbox with the problem's judge (`prefilled`: the request pre-filled an opening fence).
export function scoreCodeResponse(
  sandbox: Sandbox,
  problem: HumanEvalProblem | MbppProblem,
  response: string,
  options: { prefilled?: boolean; limits?: Partial<SandboxLimits> } = {},
): Promise<CodeScore> {
  return runPythonTests(sandbox, response, {
    entryPoint: problem.entryPoint,
    build: (code) => buildCodeProgram(problem, code),
    ...options,
  });
}
