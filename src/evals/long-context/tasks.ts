import type { LongContextTask } from './metrics.ts';
import { distinct, needleKey, randomNumber, variableName } from './needles.ts';
import { niahHeader, niahNeedle, niahQuestion, VT_HEADER, vtQuestion } from './prompt.ts';

// The RULER tasks the suite runs (NVIDIA/RULER, synthetic.yaml), chosen to cover its retrieval and multi-hop tracing
// categories without any downloaded text: one needle; one of four keys (three distractors); four values of one key;
// four keys asked at once; a chain of variable assignments. Aggregation and QA need real text, so they are left out.

/** RULER's needle depths: 40 points from 0% to 100% of the context. */
const DEPTHS = Array.from({ length: 40 }, (_, i) => Math.round((i * 100) / 39) / 100);

/** What a case plants in the haystack and asks about it. */
export interface TaskSpec {
  header: string;
  question: string;
  /** Statements planted in the haystack, in text order. */
  needles: string[];
  /** Where each needle goes, as a share of the haystack (0 = first, 1 = last), ascending. */
  depths: number[];
  /** Values the answer must contain (RULER's string_match_all). */
  expected: string[];
}

/** Plant and ask one case of a task. */
export function buildTaskSpec(task: LongContextTask, rand: () => number): TaskSpec {
  switch (task) {
    case 'niah_single':
      return retrieval(rand, { keys: 1, values: 1, asked: 1 });
    case 'niah_multikey':
      return retrieval(rand, { keys: 4, values: 1, asked: 1 });
    case 'niah_multivalue':
      return retrieval(rand, { keys: 1, values: 4, asked: 1 });
    case 'niah_multiquery':
      return retrieval(rand, { keys: 4, values: 1, asked: 4 });
    case 'vt':
      return variableTracking(rand, 4);
  }
}

// RULER's needle-in-a-haystack: `keys` keys with `values` values each, shuffled, at random depths; `asked` keys asked.
function retrieval(rand: () => number, shape: { keys: number; values: number; asked: number }): TaskSpec {
  const keys = distinct(shape.keys, () => needleKey(rand));
  const values = keys.map(() => distinct(shape.values, () => randomNumber(rand)));
  const needles = shuffle(
    keys.flatMap((key, k) => values[k]!.map((value) => niahNeedle(key, value))),
    rand,
  );
  const asked = shuffle(
    keys.map((_, k) => k),
    rand,
  ).slice(0, shape.asked);
  const plural = shape.asked * shape.values > 1;
  return {
    header: niahHeader(plural),
    question: niahQuestion(
      asked.map((k) => keys[k]!),
      plural,
    ),
    needles,
    depths: pickDepths(needles.length, rand),
    expected: asked.flatMap((k) => values[k]!),
  };
}

// RULER's variable tracking: one chain `VAR A = 12345`, `VAR B = VAR A`, ... of `hops` hops, in order, at random depths.
function variableTracking(rand: () => number, hops: number): TaskSpec {
  const names = distinct(hops + 1, () => variableName(rand));
  const value = randomNumber(rand, 5);
  const needles = names.map((name, i) => (i === 0 ? `VAR ${name} = ${value}.` : `VAR ${name} = VAR ${names[i - 1]}.`));
  return { header: VT_HEADER, question: vtQuestion(value), needles, depths: pickDepths(needles.length, rand), expected: names };
}

// Distinct depths from RULER's grid, ascending.
function pickDepths(count: number, rand: () => number): number[] {
  return shuffle([...DEPTHS], rand)
    .slice(0, count)
    .sort((a, b) => a - b);
}

// Fisher-Yates with the case's own random numbers.
function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
