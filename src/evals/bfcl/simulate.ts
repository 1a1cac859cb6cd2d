import { pickCorrect, type SimRule } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import type { BfclCategory } from './categories.ts';
import { loadBfclCategory } from './data.ts';
import type { BfclCase } from './read-dataset.ts';
import { scoreQwenText, scoreToolsResponse, type BfclMode } from './score-case.ts';
import { scriptBfclCase, type ScriptedBfclCase } from './simulate-answers.ts';
import { parseBfclVariant } from './variants.ts';

// Script the simulated vLLM for every selected BFCL variant: each case answered from its own possible answer (gold)
// or wrongly (no call where one is expected, a call where none is). The expected scores are what BFCL's checker gives
// the answers the server will really return: gold is 100% except where BFCL's data makes it impossible (six
// unsatisfiable ground truths, BFCL_UNSATISFIABLE_IDS, and three pairs of identical requests with opposite
// expectations, of which the simulator can answer only one right); with EVAL_LIMIT=6 every category is exactly 100%.

interface Planned {
  key: string;
  item: BfclCase;
  mode: BfclMode;
  scripted: ScriptedBfclCase;
}

export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  // Only the cases the run selects (the first EVAL_LIMIT) are parsed.
  const loaded = new Map<BfclCategory, Promise<BfclCase[]>>();
  const planned: Planned[] = [];
  for (const variant of options.variants) {
    const { category, mode } = parseBfclVariant(variant);
    if (!loaded.has(category)) loaded.set(category, loadBfclCategory(options.source, category, options.limit));
    const items = await loaded.get(category)!;
    const correct = pickCorrect(options.mode, items.length);
    for (const [i, item] of items.entries())
      planned.push({ key: `bfcl/${variant}`, item, mode, scripted: scriptBfclCase(item, mode, correct[i]!) });
  }
  const rules: SimRule[] = planned.map((p) => p.scripted.rule);
  // The first rule of a request wins, whichever case it was written for.
  const served = new Map<string, ScriptedBfclCase['answer']>();
  for (const p of planned) if (!served.has(p.scripted.matchKey)) served.set(p.scripted.matchKey, p.scripted.answer);
  const cases: Record<string, Record<string, Record<string, number>>> = {};
  for (const p of planned) {
    const answer = served.get(p.scripted.matchKey)!;
    const score = p.mode === 'tools' ? scoreToolsResponse(p.item, answer.message) : scoreQwenText(p.item, answer.text);
    cases[p.key] ??= {};
    cases[p.key]![p.item.id] = { accuracy: score.verdict === 'correct' ? 1 : 0 };
  }
  const expected = Object.fromEntries(
    Object.entries(cases).map(([key, byId]) => {
      const scores = Object.values(byId).map((s) => s.accuracy!);
      return [key, { accuracy: scores.reduce((a, b) => a + b, 0) / scores.length }];
    }),
  );
  return { rules, expected, cases };
}
