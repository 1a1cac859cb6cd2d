import type { Sandbox } from '../../scorers/python-tests/sandbox/create-sandbox.ts';
import type { SandboxLimits } from '../../scorers/python-tests/sandbox/types.ts';
import { runPythonTests, type CodeScore } from '../../scorers/python-tests/run-python-tests.ts';
import type { CodeDataset, CodeProblem } from './code-dataset.ts';

export type { CodeScore } from '../../scorers/python-tests/run-python-tests.ts';

// Score a code answer in the sandbox with the dataset's program for the problem (`prefilled`: the request pre-filled an opening fence).
export function scoreCodeResponse<P extends CodeProblem>(
  sandbox: Sandbox,
  dataset: CodeDataset<P>,
  problem: P,
  response: string,
  options: { prefilled?: boolean; limits?: Partial<SandboxLimits> } = {},
): Promise<CodeScore> {
  return runPythonTests(sandbox, response, {
    entryPoint: problem.entryPoint,
    build: (code) => dataset.program(problem, code),
    ...options,
  });
}
