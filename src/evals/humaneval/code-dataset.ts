import type { CodeDataset } from '../code/code-dataset.ts';
import { buildHumanEvalProgram } from './program.ts';
import { buildHumanEvalMessages } from './prompt.ts';
import type { HumanEvalProblem } from './reader.ts';
import { buildHumanEvalGold, buildHumanEvalWrong } from './simulate-answers.ts';

/** HumanEval for the code-eval machinery: Qwen's prompt, `check(entry_point)` under the split judge. */
export const humanEvalCode: CodeDataset<HumanEvalProblem> = {
  name: 'humaneval',
  messages: (problem) => buildHumanEvalMessages(problem),
  program: (problem, code) => ({ ...buildHumanEvalProgram(problem, code), judge: 'split' }),
  expected: (problem) => `check(${problem.entryPoint})`,
  goldResponse: buildHumanEvalGold,
  wrongResponse: buildHumanEvalWrong,
};
