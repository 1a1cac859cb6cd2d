import type { SandboxProgram } from '../../scorers/python-tests/sandbox/types.ts';
import type { MbppProblem } from './reader.ts';

// Program for the sandbox: the candidate, `test_setup_code` (it may use the candidate's classes), then each assert as its own test.
export function buildMbppProgram(problem: MbppProblem, code: string): SandboxProgram {
  return { setup: problem.testSetupCode, code, tests: [...problem.testList] };
}
