import { pickCorrect, type SimRule } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { buildCaseMessages, generateCases } from './generate.ts';
import type { LengthVariant } from './lengths.ts';
import { buildLongContextGoldAnswer, buildLongContextWrongAnswer } from './simulate-answers.ts';
import { LONG_CONTEXT_PRIMARY, LONG_CONTEXT_TASKS } from './metrics.ts';

/** Characters of the prompt's end a rule matches: the question and the haystack's random last sentences. */
const MATCH_TAIL = 400;

// Script the simulated vLLM: each case's user turn is recognised by its end (unique: random sentences before the
// question), so the script stays small however long the prompts are.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const rules: SimRule[] = [];
  const expected: SimulationScript['expected'] = {};
  for (const length of options.variants as LengthVariant[]) {
    const all = generateCases({ length });
    const cases = options.limit === null ? all : all.slice(0, options.limit);
    const correct = pickCorrect(options.mode, cases.length);
    cases.forEach((item, i) => {
      const user = buildCaseMessages(item)[1]!.content as string;
      rules.push({
        match: { endsWith: user.slice(-MATCH_TAIL), endpoint: 'chat' },
        response: correct[i] ? buildLongContextGoldAnswer(item) : buildLongContextWrongAnswer(item),
      });
    });
    const share = (flags: boolean[]) => flags.filter(Boolean).length / flags.length;
    const scores: Record<string, number> = { [LONG_CONTEXT_PRIMARY]: cases.length ? share(correct) : 0 };
    for (const task of LONG_CONTEXT_TASKS) {
      const flags = correct.filter((_, i) => cases[i]!.task === task);
      if (flags.length) scores[task] = share(flags);
    }
    expected[`long_context/${length}`] = scores;
  }
  return { rules, expected };
}
