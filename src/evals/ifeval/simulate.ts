import { pickCorrect } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { loadIfeval } from './data.ts';
import { computeIfevalMetrics } from './metrics.ts';
import { buildIfevalMessages } from './prompt.ts';
import type { IfevalPrompt } from './read-input.ts';
import { scoreResponse } from './score-response.ts';
import { buildGoldAnswer } from './simulated/gold-response.ts';
import { buildWrongAnswer } from './simulated/wrong-response.ts';

// Script the simulated vLLM: each prompt answered by text built to follow all its instructions, or to break them all.
// The expected metrics are what the checkers give those answers: 1 and 0, except where a prompt makes that impossible
// (src/evals/ifeval/README.md, "Simulated answers").
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const prompts = await loadIfeval(options.source);
  return scriptIfeval(options.limit === null ? prompts : prompts.slice(0, options.limit), options.mode);
}

/** The script for these prompts in this mode. */
export function scriptIfeval(prompts: readonly IfevalPrompt[], mode: SimulationOptions['mode']): SimulationScript {
  const correct = pickCorrect(mode, prompts.length);
  const answers = prompts.map((prompt, i) => (correct[i] ? buildGoldAnswer(prompt).response : buildWrongAnswer(prompt)));
  const scores = prompts.map((prompt, i) => scoreResponse(prompt, answers[i]!));
  const metrics = computeIfevalMetrics(
    scores.map((s) => s.strict),
    scores.map((s) => s.loose),
  );
  return {
    rules: prompts.map((prompt, i) => ({
      match: { equals: buildIfevalMessages(prompt)[0]!.content as string, endpoint: 'chat' as const },
      response: answers[i]!,
    })),
    expected: { 'ifeval/chat': Object.fromEntries(Object.entries(metrics).map(([name, accuracy]) => [name, accuracy.value ?? 0])) },
  };
}
