import { PASS_AT_1 } from '../../scorers/python-tests/case-fields.ts';
import { pickCorrect, type SimulationMode } from '../../shared/simulation-rules.ts';
import type { SimulationScript } from '../builtin.ts';
import type { CodeDataset, CodeProblem } from './code-dataset.ts';

// One chat rule per problem: the reference solution for a correct case, a failing answer otherwise.
export function simulateCode<P extends CodeProblem>(
  key: string,
  dataset: CodeDataset<P>,
  problems: readonly P[],
  mode: SimulationMode,
): SimulationScript {
  const correct = pickCorrect(mode, problems.length);
  const rules = problems.map((problem, i) => ({
    match: { equals: dataset.messages(problem).at(-1)!.content as string, endpoint: 'chat' as const },
    response: correct[i] ? dataset.goldResponse(problem) : dataset.wrongResponse(problem),
  }));
  const share = problems.length ? correct.filter(Boolean).length / problems.length : 0;
  return { rules, expected: { [key]: { [PASS_AT_1]: share } } };
}
