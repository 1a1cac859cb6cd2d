import type { Sandbox } from '../../src/scorers/python-tests/sandbox/create-sandbox.ts';
import type { SandboxLimits, SandboxProgram } from '../../src/scorers/python-tests/sandbox/types.ts';
import type { CodeScore } from '../../src/scorers/python-tests/run-python-tests.ts';
import { scoreCodeResponse as scoreWith } from '../../src/evals/code/score-response.ts';
import { humanEvalCode } from '../../src/evals/humaneval/code-dataset.ts';
import type { HumanEvalProblem } from '../../src/evals/humaneval/reader.ts';
import { mbppCode } from '../../src/evals/mbpp/code-dataset.ts';
import type { MbppProblem } from '../../src/evals/mbpp/reader.ts';

// The two code datasets behind one set of helpers, for tests and benches that handle either kind of problem.

export {
  parseHumanEval,
  HumanEvalRowSchema,
  HUMANEVAL_SIZE,
  type HumanEvalProblem,
  type HumanEvalRow,
} from '../../src/evals/humaneval/reader.ts';
export {
  parseMbpp,
  findMbppEntryPoint,
  MbppRowSchema,
  SanitizedMbppRowSchema,
  type MbppProblem,
  type MbppSplit,
} from '../../src/evals/mbpp/reader.ts';
export { assembleHumanEvalCode, buildHumanEvalProgram, promptPreamble, type HumanEvalAssembly } from '../../src/evals/humaneval/program.ts';
export { buildMbppProgram } from '../../src/evals/mbpp/program.ts';
export { buildHumanEvalMessages } from '../../src/evals/humaneval/prompt.ts';
export { buildMbppMessages } from '../../src/evals/mbpp/prompt.ts';
export { QWEN_CODE_SYSTEM_PROMPT, type CodePromptOptions } from '../../src/evals/code/prompts.ts';
export { IN_PROCESS_PROBLEMS, judgeModeFor } from '../../src/evals/mbpp/judge-mode.ts';
export { extractCode, definesFunction } from '../../src/scorers/python-tests/extract-code.ts';
export { passAtK, meanPassAtK } from '../../src/scorers/python-tests/pass-at-k.ts';
export { toCodeCaseFields, PASS_AT_1 } from '../../src/scorers/python-tests/case-fields.ts';

/** A problem of either code dataset. */
export type CodeProblem = HumanEvalProblem | MbppProblem;

// The reference solution as a chat model would answer.
export function buildGoldResponse(problem: CodeProblem): string {
  return problem.kind === 'humaneval' ? humanEvalCode.goldResponse(problem) : mbppCode.goldResponse(problem);
}

// A plausible answer that must fail.
export function buildWrongResponse(problem: CodeProblem): string {
  return problem.kind === 'humaneval' ? humanEvalCode.wrongResponse(problem) : mbppCode.wrongResponse(problem);
}

// The sandbox program for an answer's code, with the problem's judge.
export function buildCodeProgram(problem: CodeProblem, code: string): SandboxProgram & { assembly?: string } {
  return problem.kind === 'humaneval' ? humanEvalCode.program(problem, code) : mbppCode.program(problem, code);
}

// Score an answer as the suites do.
export function scoreCodeResponse(
  sandbox: Sandbox,
  problem: CodeProblem,
  response: string,
  options: { prefilled?: boolean; limits?: Partial<SandboxLimits> } = {},
): Promise<CodeScore> {
  return problem.kind === 'humaneval'
    ? scoreWith(sandbox, humanEvalCode, problem, response, options)
    : scoreWith(sandbox, mbppCode, problem, response, options);
}
