import { loadGsm8k, simulateGsm8k } from '../suites/gsm8k.ts';
import type { DatasetSource } from '../suites/read-pinned.ts';
import type { SimRule, SimulationMode } from './script.ts';

/** Rules for the simulator plus, per dataset key, the score each metric must come out at. */
export interface SimulationScript {
  rules: SimRule[];
  expected: Record<string, Record<string, number>>;
}

// Answer every case of every suite from the dataset's own gold (or a wrong answer), per the mode.
export async function buildSimulationScript(mode: SimulationMode, source: DatasetSource, limit: number | null): Promise<SimulationScript> {
  const rules: SimRule[] = [];
  const expected: SimulationScript['expected'] = {};

  const gsm8k = simulateGsm8k(await loadGsm8k(source, limit), mode);
  rules.push(...gsm8k.rules);
  expected['gsm8k/0shot'] = gsm8k.expected;
  expected['gsm8k/8shot'] = gsm8k.expected;

  return { rules, expected };
}
