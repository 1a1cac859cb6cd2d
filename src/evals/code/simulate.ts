import { PASS_AT_1 } from '../../scorers/python-tests/case-fields.ts';
import { pickCorrect, type SimulationMode } from '../../shared/simulation-rules.ts';
import type { SimulationScript } from '../builtin.ts';
import { buildCodeMessages, type CodeProblem } from './code-eval.ts';
import { buildGoldResponse, buildWrongResponse } from './simulate-answers.ts';

// One chat rule per problem: the reference solution for a correct case, a failing answer otherwise.
export function simulateCode(key: string, problems: readonly CodeProblem[], mode: SimulationMode): SimulationScript {
  const correct = pickCorrect(mode, problems.length);
  const rules = problems.map((problem, i) => ({
    match: { equals: buildCodeMessages(problem).at(-1)!.content as string, endpoint: 'chat' as const },
    response: correct[i] ? buildGoldResponse(problem) : buildWrongResponse(problem),
  }));
  const share = problems.length ? correct.filter(Boolean).length / problems.length : 0;
  return { rules, expected: { [key]: { [PASS_AT_1]: share } } };
}
