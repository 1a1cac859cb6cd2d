import { asChatAnswer, asWrongAnswer } from '../code/simulate-answers.ts';
import type { MbppProblem } from './reader.ts';

// The reference solution as a chat model would write it.
export function buildMbppGold(problem: MbppProblem): string {
  return asChatAnswer(problem.code);
}

// The reference's signature returning None: fails the asserts.
export function buildMbppWrong(problem: MbppProblem): string {
  const signature = new RegExp(`^def\\s+${problem.entryPoint}\\s*\\([^)]*\\)\\s*:`, 'm').exec(problem.code)?.[0];
  return asWrongAnswer(signature ?? `def ${problem.entryPoint}(*args):`);
}
