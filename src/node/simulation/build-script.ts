import { loadArcChallenge, simulateArcChallenge } from '../../evals/arc-challenge/suite.ts';
import { loadHumanEval, loadMbpp, simulateCode } from '../../evals/code/suite.ts';
import { loadGsm8k, simulateGsm8k } from '../../evals/gsm8k/suite.ts';
import { loadHellaswag, simulateHellaswag } from '../../evals/hellaswag/suite.ts';
import { loadMtBench, MT_BENCH_VARIANT, simulateMtBench } from '../../evals/mt-bench/suite.ts';
import type { DatasetSource } from '../../runtime/read-pinned.ts';
import type { SimRule, SimulationMode } from '../../shared/simulation-rules.ts';

/** Rules for the simulator plus, per dataset key, the score each metric must come out at. */
export interface SimulationScript {
  rules: SimRule[];
  expected: Record<string, Record<string, number>>;
  /** Per dataset key, per case id, per metric: the score a case must get (graded suites: the scripted ratings). */
  cases: Record<string, Record<string, Record<string, number>>>;
}

// Answer every case of every suite from the dataset's own gold (or a wrong answer), per the mode.
export async function buildSimulationScript(mode: SimulationMode, source: DatasetSource, limit: number | null): Promise<SimulationScript> {
  const rules: SimRule[] = [];
  const expected: SimulationScript['expected'] = {};
  const cases: SimulationScript['cases'] = {};

  const gsm8k = simulateGsm8k(await loadGsm8k(source, limit), mode);
  rules.push(...gsm8k.rules);
  expected['gsm8k/0shot'] = gsm8k.expected;
  expected['gsm8k/8shot'] = gsm8k.expected;

  const arc = simulateArcChallenge(await loadArcChallenge(source, limit), mode);
  rules.push(...arc.rules);
  Object.assign(expected, arc.expected);

  const hellaswag = simulateHellaswag(await loadHellaswag(source, limit), mode);
  rules.push(...hellaswag.rules);
  Object.assign(expected, hellaswag.expected);

  const mtBench = simulateMtBench(await loadMtBench(source, limit), mode);
  rules.push(...mtBench.rules);
  expected[`mt_bench/${MT_BENCH_VARIANT}`] = mtBench.expected;
  cases[`mt_bench/${MT_BENCH_VARIANT}`] = mtBench.cases;

  const humaneval = simulateCode((await loadHumanEval(source, limit)).cases, mode);
  rules.push(...humaneval.rules);
  expected['humaneval/instruct'] = humaneval.expected;
  for (const split of ['test', 'sanitized-test'] as const) {
    const mbpp = simulateCode((await loadMbpp(source, limit, split)).cases, mode);
    rules.push(...mbpp.rules);
    expected[`mbpp/${split}`] = mbpp.expected;
  }

  return { rules, expected, cases };
}
