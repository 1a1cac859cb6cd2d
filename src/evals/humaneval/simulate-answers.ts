import { asChatAnswer, asWrongAnswer } from '../code/simulate-answers.ts';
import { promptPreamble } from './program.ts';
import type { HumanEvalProblem } from './reader.ts';

// Signature line(s) of the entry point in the prompt, up to the docstring.
function signatureOf(problem: HumanEvalProblem): string {
  const rest = problem.prompt.slice(promptPreamble(problem).length);
  const end = rest.search(/:\s*\n/);
  return end >= 0 ? rest.slice(0, end + 1) : rest.split('\n')[0]!;
}

// The canonical solution as a chat model would write it (full function, imports included).
export function buildHumanEvalGold(problem: HumanEvalProblem): string {
  return asChatAnswer(problem.prompt + problem.canonicalSolution);
}

// The right signature returning None: fails `check`.
export function buildHumanEvalWrong(problem: HumanEvalProblem): string {
  return asWrongAnswer(`${promptPreamble(problem)}${signatureOf(problem)}`);
}
