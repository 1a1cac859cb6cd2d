import { pickCorrect } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { loadGsm8k } from './data.ts';
import { buildGsm8kZeroShotMessages } from './prompt.ts';
import { buildGsm8kGoldResponse, buildGsm8kWrongResponse } from './simulate-answers.ts';

// Script the simulated vLLM: each question's last user turn (the same in every variant) answered right or wrong.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const { test } = await loadGsm8k(options.source, false);
  const cases = options.limit === null ? test : test.slice(0, options.limit);
  const correct = pickCorrect(options.mode, cases.length);
  const rules = cases.map((item, i) => ({
    match: { equals: buildGsm8kZeroShotMessages(item).at(-1)!.content as string, endpoint: 'chat' as const },
    response: correct[i] ? buildGsm8kGoldResponse(item) : buildGsm8kWrongResponse(item),
  }));
  const share = cases.length ? correct.filter(Boolean).length / cases.length : 0;
  const expected = Object.fromEntries(options.variants.map((v) => [`gsm8k/${v}`, { strict: share, flexible: share }]));
  return { rules, expected };
}
