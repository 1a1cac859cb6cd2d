import type { SandboxProgram } from '../../sandbox/types.ts';
import type { MbppProblem } from './mbpp-dataset.ts';

// Program for the sandbox: `test_setup_code`, the candidate, then each assert of `test_list` as its own test.
export function buildMbppProgram(problem: MbppProblem, code: string): SandboxProgram {
  return { setup: problem.testSetupCode, code, tests: [...problem.testList] };
}
