import type { CodeDataset } from '../code/code-dataset.ts';
import { judgeModeFor } from './judge-mode.ts';
import { buildMbppProgram } from './program.ts';
import { buildMbppMessages } from './prompt.ts';
import type { MbppProblem } from './reader.ts';
import { buildMbppGold, buildMbppWrong } from './simulate-answers.ts';

/** MBPP for the code-eval machinery: the evalplus-style prompt, `test_list` asserts under the problem's judge. */
export const mbppCode: CodeDataset<MbppProblem> = {
  name: 'mbpp',
  messages: (problem) => buildMbppMessages(problem),
  program: (problem, code) => ({ ...buildMbppProgram(problem, code), judge: judgeModeFor(problem) }),
  expected: (problem) => problem.testList.join('\n'),
  goldResponse: buildMbppGold,
  wrongResponse: buildMbppWrong,
};
