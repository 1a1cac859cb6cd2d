import type { JudgeMode } from '../../scorers/python-tests/sandbox/types.ts';
import type { MbppProblem } from './reader.ts';

/**
 * Problems whose tests cannot work through plain data, with why; they run with the in-process judge and
 * every other MBPP problem with the split-process judge. Found by running every reference solution (MBPP 1-974
 * and the sanitized file; HumanEval's all pass) under the split judge: these are the only ones that fail. The
 * harness evaluates MBPP 11-510, so only `mbpp:367` is used today.
 */
export const IN_PROCESS_PROBLEMS: Readonly<Record<string, string>> = Object.freeze({
  'mbpp:367': "test_setup_code builds a tree of the candidate's own Node class and passes it to the candidate",
  'mbpp:533': 'the test passes the type `int` as an argument',
  'mbpp:601': "the test builds the candidate's own Pair objects and passes them to the candidate",
  'mbpp:927': "test_setup_code builds a tree of the candidate's own Node class and passes it to the candidate",
});

// The judge for a problem: split unless it is listed in IN_PROCESS_PROBLEMS.
export function judgeModeFor(problem: MbppProblem): JudgeMode {
  return `mbpp:${problem.taskId}` in IN_PROCESS_PROBLEMS ? 'in-process' : 'split';
}
