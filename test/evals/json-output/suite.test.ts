import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { jsonCasesSource } from '../../../src/evals/json-output/data.ts';
import { JSON_OUTPUT_METRICS } from '../../../src/evals/json-output/metrics.ts';
import { buildJsonMessages } from '../../../src/evals/json-output/prompt.ts';
import type { JsonCase } from '../../../src/evals/json-output/reader.ts';
import { JSON_OUTPUT_SCORERS } from '../../../src/evals/json-output/score.ts';
import { ANSWER_SCHEMAS, answerJsonSchema } from '../../../src/evals/json-output/schemas.ts';
import { loadSimulatedConstrain, simulate, simulatedJsonAnswer } from '../../../src/evals/json-output/simulate.ts';
import { jsonOutputEvals } from '../../../src/evals/json-output/suite.ts';
import type { EvalDefinition } from '../../../src/runtime/define-eval.ts';
import { jsonSchema } from '../../../src/scorers/json/json-schema.ts';
import { metricsOf } from '../../../src/scorers/scorer.ts';
import { createFakeClient, runCase } from '../../helpers/fake-client.ts';

const { items: cases, pins } = await jsonCasesSource.load({ datasetBaseUrl: null });
const [structured, prompted] = jsonOutputEvals({ variants: {} }, cases) as EvalDefinition<JsonCase, unknown>[];
const byCase = (answer: (item: JsonCase) => string) =>
  createFakeClient({ answer: (messages) => answer(cases.find((c) => buildJsonMessages(c).at(-1)!.content === messages.at(-1)!.content)!) });
const runAll = (definition: EvalDefinition<JsonCase, unknown>, answer: (item: JsonCase) => string) =>
  Promise.all(cases.map((c) => runCase(definition, c, byCase(answer), { caseId: c.id })));

describe('JSON output', () => {
  test('ships at least 50 cases over every answer schema, each expected object valid for its schema, pinned by sha256', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.schema))).toEqual(new Set(Object.keys(ANSWER_SCHEMAS)));
    expect(pins).toEqual([expect.objectContaining({ repository: 'qwen-evals', path: 'src/evals/json-output/cases.jsonl' })]);
  });

  test('its scorers score the metrics the registry declares, validity first', () => {
    expect(JSON_OUTPUT_SCORERS.flatMap(metricsOf)).toEqual(JSON_OUTPUT_METRICS);
    expect(JSON_OUTPUT_METRICS.map((m) => m.name)).toEqual(['json_valid', 'values_match']);
  });

  test('asks with the schema as response_format in the structured variant and without it in the prompted one', async () => {
    const item = cases[0]!;
    const withFormat = byCase(() => '{}');
    await runCase(structured!, item, withFormat);
    expect(withFormat.chats[0]!.options?.responseFormat).toEqual({
      type: 'json_schema',
      json_schema: { name: item.schema, schema: answerJsonSchema(item.schema), strict: true },
    });
    const without = byCase(() => '{}');
    await runCase(prompted!, item, without);
    expect(without.chats[0]!.options?.responseFormat).toBeUndefined();
    expect(without.chats[0]!.messages).toEqual(withFormat.chats[0]!.messages);
  });

  test('the JSON Schema sent matches the zod validator: every expected object passes both', () => {
    for (const item of cases) {
      const schema = answerJsonSchema(item.schema);
      expect(schema.type, item.id).toBe('object');
      expect(ANSWER_SCHEMAS[item.schema].safeParse(item.expected).success, item.id).toBe(true);
    }
  });

  test('right answers score 1 on both metrics, plain or in a fence after prose', async () => {
    const plain = await runAll(structured!, (c) => simulatedJsonAnswer(c, true));
    const fenced = await runAll(prompted!, (c) => `Sure:\n\`\`\`json\n${JSON.stringify(c.expected)}\n\`\`\``);
    for (const r of [...plain, ...fenced]) expect(r.scores, r.caseId).toEqual({ json_valid: 1, values_match: 1 });
  });

  test('prose around a cut-off object is unparseable, with the JSON error in the record', async () => {
    const records = await runAll(prompted!, (c) => simulatedJsonAnswer(c, false));
    for (const r of records) expect([r.verdict, r.scores], r.caseId).toEqual(['unparseable', { json_valid: 0, values_match: 0 }]);
    expect(records[0]!.detail).toHaveProperty('jsonError');
  });

  test('JSON that breaks the schema is wrong, naming each issue; valid JSON with other values fails only values_match, naming the fields', async () => {
    const item = cases.find((c) => c.schema === 'contact')!;
    const broken = await runCase(
      prompted!,
      item,
      byCase(() => JSON.stringify({ ...item.expected, email: 'nobody', extra: 1 })),
    );
    expect([broken.verdict, broken.scores]).toEqual(['wrong', { json_valid: 0, values_match: 0 }]);
    expect(broken.detail!.schemaIssues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^email: /), expect.stringMatching(/extra/)]),
    );
    const other = await runCase(
      prompted!,
      item,
      byCase(() => JSON.stringify({ ...item.expected, company: 'Elsewhere Ltd' })),
    );
    expect([other.verdict, other.scores]).toEqual(['correct', { json_valid: 1, values_match: 0 }]);
    expect(other.detail!.wrongFields).toEqual(['company']);
  });

  test('values compare strings without case or outer spaces, numbers by value and plain lists in any order', async () => {
    const item = cases.find((c) => c.schema === 'book')!;
    const expected = item.expected as { title: string; genres: string[] };
    const answer = { ...item.expected, title: ` ${expected.title.toUpperCase()} `, genres: [...expected.genres].reverse() };
    const record = await runCase(
      prompted!,
      item,
      byCase(() => JSON.stringify(answer)),
    );
    expect(record.scores).toEqual({ json_valid: 1, values_match: 1 });
  });

  test('a schema chosen per case validates each case against its own schema', () => {
    const scorer = jsonSchema((item: { kind: 'a' | 'b' }) =>
      item.kind === 'a' ? z.object({ a: z.number() }) : z.object({ b: z.string() }),
    );
    const score = (kind: 'a' | 'b', response: string) => scorer.score({ item: { kind }, response } as never);
    expect([score('a', '{"a":1}'), score('b', '{"a":1}')].map((r) => (r as { score: number }).score)).toEqual([1, 0]);
  });

  test.each(['gold', 'wrong', 'mix:0.5'] as const)(
    'the simulation expects what the simulated server sends back, constrained decoding included (%s)',
    async (mode) => {
      const script = await simulate({
        mode,
        source: { datasetBaseUrl: null },
        limit: 12,
        variants: ['structured', 'prompted'],
        code: {} as never,
      });
      const constrain = await loadSimulatedConstrain();
      const answerOf = (c: JsonCase) => script.rules.find((r) => r.match.equals === buildJsonMessages(c).at(-1)!.content)!.response!;
      const first = cases.slice(0, 12);
      for (const [variant, definition] of [
        ['structured', structured!],
        ['prompted', prompted!],
      ] as const) {
        const served = variant === 'structured' ? (c: JsonCase) => constrain(c, answerOf(c)) : answerOf;
        const records = await Promise.all(first.map((c) => runCase(definition, c, byCase(served))));
        const mean = (m: string) => records.reduce((s, r) => s + r.scores[m]!, 0) / records.length;
        expect({ json_valid: mean('json_valid'), values_match: mean('values_match') }, variant).toEqual(
          script.expected[`json_output/${variant}`],
        );
      }
      if (mode === 'gold')
        expect(script.expected).toEqual({
          'json_output/structured': { json_valid: 1, values_match: 1 },
          'json_output/prompted': { json_valid: 1, values_match: 1 },
        });
      if (mode === 'wrong') {
        expect(script.expected['json_output/prompted']).toEqual({ json_valid: 0, values_match: 0 });
        expect(script.expected['json_output/structured']!.values_match).toBe(0);
      }
    },
  );
});
