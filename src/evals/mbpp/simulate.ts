import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { simulateCode } from '../code/simulate.ts';
import { mbppCode } from './code-dataset.ts';
import { loadMbpp } from './data.ts';
import type { MbppSplit } from './reader.ts';

// Gold answers are the reference solutions; wrong ones fail the asserts. Every variant that will run is scripted.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const script: SimulationScript = { rules: [], expected: {} };
  for (const split of options.variants as MbppSplit[]) {
    const all = await loadMbpp(options.source, split);
    const part = simulateCode(`mbpp/${split}`, mbppCode, options.limit === null ? all : all.slice(0, options.limit), options.mode);
    script.rules.push(...part.rules);
    Object.assign(script.expected, part.expected);
  }
  return script;
}
