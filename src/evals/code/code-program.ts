import type { SandboxProgram } from '../../scorers/python-tests/sandbox/types.ts';
import type { HumanEvalProblem } from '../humaneval/reader.ts';
import { buildHumanEvalProgram } from '../humaneval/program.ts';
import type { MbppProblem } from '../mbpp/reader.ts';
import { buildMbppProgram } from '../mbpp/program.ts';
import { judgeModeFor } from './judge-mode.ts';

// The sandbox program for a HumanEval or MBPP answer, with the problem's judge (split unless listed).
export function buildCodeProgram(problem: HumanEvalProblem | MbppProblem, code: string): SandboxProgram & { assembly?: string } {
  const program = problem.kind === 'humaneval' ? buildHumanEvalProgram(problem, code) : buildMbppProgram(problem, code);
  return { ...program, judge: judgeModeFor(problem) };
}
