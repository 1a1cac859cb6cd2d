import { beforeAll, describe, expect, test } from 'vitest';
import { loadSimModule, type HermesModule, type JsonSchemaModule, type PyJsonModule, type SimCall } from './support/sim-modules.ts';

// The simulated vLLM's parsing logic without a server: Python's json round trip, the hermes tool parser (plain and
// streamed) and the JSON Schema checks behind structured outputs.

let py: PyJsonModule;
let hermes: HermesModule;
let schema: JsonSchemaModule;
beforeAll(async () => {
  [py, hermes, schema] = await Promise.all([
    loadSimModule<PyJsonModule>('pyjson.mjs'),
    loadSimModule<HermesModule>('tools/hermes.mjs'),
    loadSimModule<JsonSchemaModule>('structured/json-schema.mjs'),
  ]);
});

describe("Python's json round trip", () => {
  test.each([
    ['{"a":1,"b":5.0}', '{"a": 1, "b": 5.0}'],
    ['[1e16, 1e15, 0.0001, 0.00001, 1.5e-7, -0.0]', '[1e+16, 1000000000000000.0, 0.0001, 1e-05, 1.5e-07, -0.0]'],
    ['{"n": 123456789012345678901234567890}', '{"n": 123456789012345678901234567890}'],
    ['{"k": 1, "k": 2, "j": 3}', '{"k": 2, "j": 3}'],
    ['{"s": "caf\\u00e9 \\"q\\"\\n"}', '{"s": "café \\"q\\"\\n"}'],
    ['[NaN, Infinity, -Infinity]', '[NaN, Infinity, -Infinity]'],
  ])('json.dumps(json.loads(%s)) prints %s', (input, expected) => {
    expect(py.dumpsPy(py.loadsPy(input))).toBe(expected);
  });

  test.each(["{'a': 1}", '{"a": 1,}', '{"a": 1} x', '"raw\nnewline"', ''])('refuses %j as json.loads does', (input) => {
    expect(() => py.loadsPy(input)).toThrow(SyntaxError);
  });
});

describe('hermes tool parser, plain answers', () => {
  test('turns each <tool_call> block into a call with arguments re-serialised by json.dumps', () => {
    const text =
      'Sure.\n<tool_call>\n{"name": "f", "arguments": {"x":5.0,"y":[1,2]}}\n</tool_call>\n<tool_call>\n{"name": "g", "arguments": {}}\n</tool_call>';
    expect(hermes.extractHermes(text)).toEqual({
      called: true,
      content: 'Sure.\n',
      calls: [
        { name: 'f', arguments: '{"x": 5.0, "y": [1, 2]}' },
        { name: 'g', arguments: '{}' },
      ],
    });
  });

  test('reads an unclosed last block to the end of the text', () => {
    expect(hermes.extractHermes('<tool_call>\n{"name": "f", "arguments": {"a": 1}}').calls).toEqual([{ name: 'f', arguments: '{"a": 1}' }]);
  });

  test.each([
    ['single quotes', "<tool_call>\n{'name': 'f', 'arguments': {}}\n</tool_call>"],
    ['no arguments key', '<tool_call>\n{"name": "f"}\n</tool_call>'],
    ['a name that is not a string', '<tool_call>\n{"name": 5, "arguments": {}}\n</tool_call>'],
    ['one good and one bad block', '<tool_call>\n{"name": "f", "arguments": {}}\n</tool_call>\n<tool_call>\n{bad}\n</tool_call>'],
    ['a cut-off block', '<tool_call>\n{"name": "f", "arguments": {"a": '],
  ])('a block that does not parse (%s) leaves the whole text in content with no calls', (_, text) => {
    expect(hermes.extractHermes(text)).toEqual({ called: false, calls: [], content: text });
  });

  test('text without a tag is content', () => {
    expect(hermes.extractHermes('Just text.')).toEqual({ called: false, calls: [], content: 'Just text.' });
  });
});

// Feed `text` to a fresh stream parser in pieces of `size` characters; collect content and calls.
function stream(text: string, size: number): { content: string; calls: SimCall[]; ids: string[]; sawToolCall: boolean } {
  let n = 0;
  const parser = new hermes.HermesStream(() => `id-${n++}`);
  let content = '';
  const calls: SimCall[] = [];
  const ids: string[] = [];
  for (let end = size; end < text.length + size; end += size) {
    const step = parser.update(text.slice(0, Math.min(end, text.length)));
    content += step.content;
    for (const delta of step.deltas) {
      calls[delta.index] ??= { name: '', arguments: '' };
      if (delta.id) ids.push(delta.id);
      if (delta.function.name) calls[delta.index]!.name = delta.function.name;
      calls[delta.index]!.arguments += delta.function.arguments ?? '';
    }
  }
  return { content, calls, ids, sawToolCall: parser.sawToolCall };
}

describe('hermes tool parser, streams', () => {
  const text =
    'Checking.\n<tool_call>\n{"name": "f", "arguments": {"s": "a}b{", "n": [1, {"m": 2}]}}\n</tool_call>\n<tool_call>\n{"name": "g", "arguments": {}}\n</tool_call>';

  test.each([1, 3, 7, 1000])('piece size %i: deltas add up to the content before the tag and each call as written', (size) => {
    expect(stream(text, size)).toEqual({
      content: 'Checking.\n',
      calls: [
        { name: 'f', arguments: '{"s": "a}b{", "n": [1, {"m": 2}]}' },
        { name: 'g', arguments: '{}' },
      ],
      ids: ['id-0', 'id-1'],
      sawToolCall: true,
    });
  });

  test('holds back a suffix that may open a tag, and never sends text after the tag as content', () => {
    const parser = new hermes.HermesStream(() => 'id');
    expect(parser.update('Hi <tool').content).toBe('Hi ');
    expect(parser.update("Hi <tool_call>\n{'bad'}").content).toBe('');
    expect(parser.sawToolCall).toBe(true);
  });

  test('a block the plain parser refuses still streams its name and raw argument text (no JSON check when streaming)', () => {
    const broken = '<tool_call>\n{"name": "f", "arguments": {\'a\': 1}}\n</tool_call>';
    expect(stream(broken, 4).calls).toEqual([{ name: 'f', arguments: "{'a': 1}" }]);
    expect(hermes.extractHermes(broken).called).toBe(false);
  });
});

describe('scripted tool calls', () => {
  test('render as Qwen2.5 writes them, text arguments verbatim and data through json.dumps', () => {
    expect(
      hermes.renderHermes([
        { name: 'f', arguments: '{"x": 5.0}' },
        { name: 'g', arguments: { y: 2, z: 'é' } },
      ]),
    ).toBe(
      '<tool_call>\n{"name": "f", "arguments": {"x": 5.0}}\n</tool_call>\n<tool_call>\n{"name": "g", "arguments": {"y": 2, "z": "é"}}\n</tool_call>',
    );
  });
});

describe('JSON Schema checks and stand-ins', () => {
  const person = {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 2 },
      age: { type: 'integer', minimum: 18 },
      tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
      role: { enum: ['admin', 'user'] },
      email: { type: ['string', 'null'] },
    },
    required: ['name', 'age', 'tags', 'role'],
    additionalProperties: false,
  };

  test.each([
    [{ name: 'Ada', age: 36, tags: ['x'], role: 'user' }, true],
    [{ name: 'Ada', age: 17, tags: ['x'], role: 'user' }, false],
    [{ name: 'Ada', age: 36.5, tags: ['x'], role: 'user' }, false],
    [{ name: 'Ada', age: 36, tags: [], role: 'user' }, false],
    [{ name: 'Ada', age: 36, tags: ['x'], role: 'root' }, false],
    [{ name: 'Ada', age: 36, tags: ['x'], role: 'user', extra: 1 }, false],
    [{ name: 'Ada', age: 36, tags: ['x'] }, false],
    [{ name: 'Ada', age: 36, tags: ['x'], role: 'admin', email: null }, true],
  ])('%j conforms: %s', (value, ok) => {
    expect(schema.matchesSchema(value, person)).toBe(ok);
  });

  test('the stand-in conforms: required fields only, minimums met, first enum value', () => {
    const standIn = schema.buildStandIn(person);
    expect(standIn).toEqual({ name: 'aa', age: 18, tags: [''], role: 'admin' });
    expect(schema.matchesSchema(standIn, person)).toBe(true);
  });

  test('references, anyOf and consts resolve', () => {
    const withRefs = {
      $defs: { point: { type: 'object', properties: { x: { const: 1 } }, required: ['x'] } },
      type: 'object',
      properties: { p: { $ref: '#/$defs/point' }, q: { anyOf: [{ type: 'boolean' }, { type: 'string' }] } },
      required: ['p', 'q'],
    };
    const standIn = schema.buildStandIn(withRefs);
    expect(standIn).toEqual({ p: { x: 1 }, q: false });
    expect(schema.matchesSchema(standIn, withRefs)).toBe(true);
    expect(schema.matchesSchema({ p: { x: 2 }, q: false }, withRefs)).toBe(false);
  });
});
