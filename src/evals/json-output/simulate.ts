import { unfence } from '../../scorers/json/json-schema.ts';
import { pickCorrect } from '../../shared/simulation-rules.ts';
import type { SimulationOptions, SimulationScript } from '../builtin.ts';
import { jsonCasesSource } from './data.ts';
import { buildJsonMessages, buildResponseFormat } from './prompt.ts';
import type { JsonCase } from './reader.ts';
import { ANSWER_SCHEMAS } from './schemas.ts';
import { mismatchedFields } from './score.ts';

// Script the simulated vLLM: gold answers are the expected object as JSON; wrong answers are prose around a JSON
// object cut short. Both variants share one prompt, hence one answer per case. With structured outputs the simulated
// server, like vLLM, only writes JSON the schema allows: a non-conforming answer becomes its deterministic stand-in
// (the schema's smallest value), valid JSON with wrong values. The expected scores of that variant are computed with
// the simulated server's own constrained decoder, so they say exactly what it will send.

/** The simulated model's answer to a case. */
export function simulatedJsonAnswer(item: JsonCase, correct: boolean): string {
  if (correct) return JSON.stringify(item.expected, null, 2);
  const cut = JSON.stringify(item.expected).slice(0, 12);
  return `Here are the details I found: ${cut}`;
}

/** What a server sends back for a scripted answer: under structured outputs, what its constrained decoder makes of it. */
export type Constrain = (item: JsonCase, answer: string) => string;

/** The simulated vLLM's constrained decoding (src/simulator/lib/structured/constraints.mjs, plain JS, loaded untyped). */
export async function loadSimulatedConstrain(): Promise<Constrain> {
  const modulePath: string = new URL('../../simulator/lib/structured/constraints.mjs', import.meta.url).href;
  const { readConstraint, constrainAnswer } = (await import(modulePath)) as {
    readConstraint(body: Record<string, unknown>): unknown;
    constrainAnswer(constraint: unknown, answer: string): string;
  };
  return (item, answer) => constrainAnswer(readConstraint({ response_format: buildResponseFormat(item) }), answer);
}

/** The scores an answer text gets: valid for its zod schema, and holding every expected value. */
export function scoreJsonText(item: JsonCase, text: string): { json_valid: number; values_match: number } {
  let value: unknown;
  try {
    value = JSON.parse(unfence(text));
  } catch {
    return { json_valid: 0, values_match: 0 };
  }
  return {
    json_valid: ANSWER_SCHEMAS[item.schema].safeParse(value).success ? 1 : 0,
    values_match: mismatchedFields(item.expected, value).length === 0 ? 1 : 0,
  };
}

// Rules and expected scores for the first `limit` cases, per variant.
export async function simulate(options: SimulationOptions): Promise<SimulationScript> {
  const { items } = await jsonCasesSource.load(options.source);
  const cases = options.limit === null ? items : items.slice(0, options.limit);
  const correct = pickCorrect(options.mode, cases.length);
  const answers = cases.map((item, i) => simulatedJsonAnswer(item, correct[i]!));
  const constrain = await loadSimulatedConstrain();
  const expected: SimulationScript['expected'] = {};
  for (const variant of options.variants) {
    const scores = cases.map((item, i) => scoreJsonText(item, variant === 'structured' ? constrain(item, answers[i]!) : answers[i]!));
    const mean = (metric: 'json_valid' | 'values_match') =>
      cases.length ? scores.reduce((sum, s) => sum + s[metric], 0) / cases.length : 0;
    expected[`json_output/${variant}`] = { json_valid: mean('json_valid'), values_match: mean('values_match') };
  }
  return {
    rules: cases.map((item, i) => ({
      match: { equals: buildJsonMessages(item).at(-1)!.content as string, endpoint: 'chat' as const },
      response: answers[i]!,
    })),
    expected,
  };
}
