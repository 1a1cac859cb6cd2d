import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { simulateCode } from '../code/simulate.ts';
import { humanEvalCode } from './code-dataset.ts';
import { loadHumanEval } from './data.ts';

// Gold answers are the canonical solutions; wrong ones fail the tests.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const all = await loadHumanEval(options.source);
  return simulateCode('humaneval/instruct', humanEvalCode, options.limit === null ? all : all.slice(0, options.limit), options.mode);
}
