import { promptPreamble } from '../humaneval/program.ts';
import type { HumanEvalProblem } from '../humaneval/reader.ts';
import type { MbppProblem } from '../mbpp/reader.ts';

const FENCE = '```';

// Wrap code the way a chat model answers: a sentence, a python block, a closing remark.
function asChatAnswer(code: string): string {
  return `Here is the completed function:\n\n${FENCE}python\n${code.trimEnd()}\n${FENCE}\n\nThis implementation handles the examples in the docstring.`;
}

// Signature line(s) of the entry point in the HumanEval prompt, up to the docstring.
function humanEvalSignature(problem: HumanEvalProblem): string {
  const rest = problem.prompt.slice(promptPreamble(problem).length);
  const end = rest.search(/:\s*\n/);
  return end >= 0 ? rest.slice(0, end + 1) : rest.split('\n')[0]!;
}

// The reference solution as a chat model would write it (full function, imports included).
export function buildGoldResponse(problem: HumanEvalProblem | MbppProblem): string {
  if (problem.kind === 'mbpp') return asChatAnswer(problem.code);
  return asChatAnswer(problem.prompt + problem.canonicalSolution);
}

// A plausible wrong answer that must fail: the right signature returning None.
export function buildWrongResponse(problem: HumanEvalProblem | MbppProblem): string {
  if (problem.kind === 'humaneval') {
    return asChatAnswer(`${promptPreamble(problem)}${humanEvalSignature(problem)}\n    # Edge cases first\n    return None\n`);
  }
  const signature = new RegExp(`^def\\s+${problem.entryPoint}\\s*\\([^)]*\\)\\s*:`, 'm').exec(problem.code)?.[0];
  return asChatAnswer(`${signature ?? `def ${problem.entryPoint}(*args):`}\n    # Edge cases first\n    return None\n`);
}
