import { describe, expect, test } from 'vitest';
import {
  buildQwenPrompt,
  buildToolsRequest,
  readBfclEntries,
  withLanguageHints,
  type BfclCategory,
} from '../../../src/evals/bfcl/index.ts';

// Request builders for both modes, on hand-written questions whose docs hold the awkward parts
// (dotted names, float defaults, nested schemas, non-ASCII text).

function entryOf(category: BfclCategory, line: string) {
  return readBfclEntries(line, category)[0]!;
}

const python = entryOf(
  'simple_python',
  '{"id": "simple_python_0", "question": [[{"role": "user", "content": "Hypotenuse of 3 and 4?"}]], "function": [' +
    '{"name": "math.hypot", "description": "Hypotenuse.", "parameters": {"type": "dict", "properties": {' +
    '"x": {"type": "float", "description": "Side x.", "default": 1.0}, ' +
    '"pts": {"type": "array", "items": {"type": "float"}, "description": "Points."}, ' +
    '"opts": {"type": "dict", "description": "Options.", "properties": {"scale": {"type": "float", "description": "Scale."}}}, ' +
    '"mode": {"type": "any", "description": "Mode."}}, "required": ["x"]}}]}',
);

describe('tools mode (OpenAI tools API)', () => {
  const request = buildToolsRequest(python);
  const tool = request.tools[0]!.function;

  test('sends the question as is, with no system prompt', () => {
    expect(request.messages).toEqual([{ role: 'user', content: 'Hypotenuse of 3 and 4?' }]);
  });

  test('replaces dots in names with underscores and maps them back', () => {
    expect(tool.name).toBe('math_hypot');
    expect([...request.originalNames]).toEqual([['math_hypot', 'math.hypot']]);
  });

  test('adds the Python language note to the description', () => {
    expect(tool.description).toBe('Hypotenuse. Note that the provided function is in Python 3 syntax.');
  });

  test('turns BFCL types into JSON Schema types, floats marked in format and description', () => {
    expect(JSON.stringify(tool.parameters)).toBe(
      '{"type":"object","properties":{' +
        '"x":{"type":"number","description":"Side x. This is a float type value.","default":1,"format":"float"},' +
        '"pts":{"type":"array","items":{"type":"number"},"description":"Points."},' +
        '"opts":{"type":"object","description":"Options.","properties":{"scale":{"type":"number","description":"Scale. This is a float type value.","format":"float"}}},' +
        '"mode":{"type":"string","description":"Mode."}},"required":["x"]}',
    );
  });

  test('leaves the dataset entry unchanged', () => {
    expect(python.functions[0]!.parameters.properties.x!.type).toBe('float');
  });
});

describe('language hints for Java and JavaScript', () => {
  const java = entryOf(
    'simple_java',
    '{"id": "simple_java_0", "question": [[{"role": "user", "content": "q"}]], "function": [' +
      '{"name": "A.b", "description": "D.", "parameters": {"type": "dict", "properties": {' +
      '"list": {"type": "ArrayList", "description": "L.", "items": {"type": "String"}}, "obj": {"type": "any", "description": "O."}}, "required": []}}]}',
  );
  const js = entryOf(
    'simple_javascript',
    '{"id": "simple_javascript_0", "question": [[{"role": "user", "content": "q"}]], "function": [' +
      '{"name": "f", "description": "D.", "parameters": {"type": "dict", "properties": {' +
      '"cfg": {"type": "dict", "description": "C.", "properties": {"on": {"type": "Boolean"}}}}, "required": []}}]}',
  );

  test('Java parameters become strings that name their Java type', () => {
    const [doc] = withLanguageHints(java.functions, 'simple_java');
    expect(doc!.description).toBe('D. Note that the provided function is in Java 8 SDK syntax.');
    expect(doc!.parameters.properties).toEqual({
      list: {
        type: 'string',
        description:
          'L. This is Java ArrayList type parameter in string representation. The list elements are of type String; they are not in string representation.',
      },
      obj: { type: 'string', description: 'O. This parameter can be of any type of Java object in string representation.' },
    });
  });

  test('JavaScript dict schemas move into the description as Python JSON', () => {
    const tool = buildToolsRequest(js).tools[0]!.function;
    expect(tool.parameters).toEqual({
      type: 'object',
      properties: {
        cfg: {
          type: 'string',
          description:
            'C. This is JavaScript dict type parameter in string representation. The dictionary entries have the following schema; they are not in string representation. {"on": {"type": "Boolean"}}',
        },
      },
      required: [],
    });
  });
});

describe("Qwen prompt mode (BFCL's QwenFCHandler)", () => {
  test('renders the tools system block, folding in a leading system message, for raw completions', () => {
    const entry = entryOf(
      'live_simple',
      '{"id": "live_simple_0-0-0", "question": [[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Café hours?"}]], "function": [' +
        '{"name": "shop.hours", "description": "Opening hours.", "parameters": {"type": "dict", "properties": {' +
        '"name": {"type": "string", "description": "Shop name, e.g. Café."}, "ratio": {"type": "float", "description": "R.", "default": 1.0}}, "required": ["name"]}}]}',
    );
    expect(buildQwenPrompt(entry)).toBe(
      '<|im_start|>system\nBe brief.\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n' +
        'You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n' +
        '{"name": "shop.hours", "description": "Opening hours. Note that the provided function is in Python 3 syntax.", "parameters": ' +
        '{"type": "dict", "properties": {"name": {"type": "string", "description": "Shop name, e.g. Caf\\u00e9."}, ' +
        '"ratio": {"type": "float", "description": "R.", "default": 1.0}}, "required": ["name"]}}\n</tools>\n\n' +
        'For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n' +
        '<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call><|im_end|>\n' +
        '<|im_start|>user\nCafé hours?<|im_end|>\n<|im_start|>assistant\n',
    );
  });

  test('renders earlier assistant turns of the question as plain ChatML', () => {
    const entry = entryOf(
      'live_multiple',
      '{"id": "live_multiple_0-0-0", "question": [[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "Book it."}]], "function": [' +
        '{"name": "book", "description": "B.", "parameters": {"type": "dict", "properties": {}, "required": []}}]}',
    );
    expect(buildQwenPrompt(entry)).toMatch(
      /<\|im_end\|>\n<\|im_start\|>user\nHi<\|im_end\|>\n<\|im_start\|>assistant\nHello!<\|im_end\|>\n<\|im_start\|>user\nBook it\.<\|im_end\|>\n<\|im_start\|>assistant\n$/,
    );
  });
});
