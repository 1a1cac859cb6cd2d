import { describe, expect, test } from 'vitest';
import {
  decodeQwenText,
  decodeToolCalls,
  formatCallList,
  isToolParserFailure,
  restoreOriginalNames,
  scoreToolsResponse,
  toBfclCallList,
  type DecodeResult,
} from '../../../src/evals/bfcl/index.ts';
import { doc, makeCase, toolMessage } from './cases.ts';

// Decoded calls printed as Python would, so 5 and 5.0 are visible.
function printed(result: DecodeResult): string {
  return result.ok ? formatCallList(result.calls) : `error: ${result.error}`;
}

describe('tools-mode decoder', () => {
  test('turns tool calls into BFCL call lists, keeping 5 and 5.0 apart', () => {
    const message = toolMessage(['area', '{"w": 5, "h": 5.0}'], ['area', '{"w": 1e2}']);
    expect(printed(decodeToolCalls(message))).toBe("[{'area': {'w': 5, 'h': 5.0}}, {'area': {'w': 100.0}}]");
  });

  test('decodes no tool calls and no text to an empty call list', () => {
    expect(printed(decodeToolCalls({ content: null, tool_calls: [] }))).toBe('[]');
    expect(printed(decodeToolCalls({ content: '' }))).toBe('[]');
  });

  test('fails on text without tool calls, as BFCL does for FC models', () => {
    expect(decodeToolCalls({ content: 'I cannot help with that.' }).ok).toBe(false);
  });

  test('fails on arguments that are not JSON', () => {
    expect(decodeToolCalls(toolMessage(['f', '{"x": 1,}'])).ok).toBe(false);
  });

  test('keeps non-object arguments for the format check to reject', () => {
    expect(printed(decodeToolCalls(toolMessage(['f', '[1, 2]'])))).toBe("[{'f': [1, 2]}]");
  });

  test('maps underscored tool names back to the dataset names', () => {
    const decoded = decodeToolCalls(toolMessage(['math_factorial', '{"n": 5}'], ['other_fn', '{}']));
    const calls = decoded.ok ? restoreOriginalNames(decoded.calls, new Map([['math_factorial', 'math.factorial']])) : [];
    expect(calls.map((call) => call.name)).toEqual(['math.factorial', 'other_fn']);
  });

  test('records calls as JSON in BFCL shape', () => {
    const decoded = decodeToolCalls(toolMessage(['f', '{"n": 5, "s": "x"}']));
    expect(decoded.ok && toBfclCallList(decoded.calls)).toEqual([{ f: { n: 5, s: 'x' } }]);
  });
});

describe("server's tool-parser failure", () => {
  const failed = { content: '<tool_call>\n{"name": "f", "arguments": {"x": 1}\n</tool_call>', tool_calls: [] };

  test('is text holding <tool_call> with no tool calls', () => {
    expect(isToolParserFailure(failed)).toBe(true);
    expect(isToolParserFailure({ content: 'plain answer' })).toBe(false);
    expect(isToolParserFailure({ content: '<tool_call>', tool_calls: [{ function: { name: 'f', arguments: '{}' } }] })).toBe(false);
  });

  test('is scored as parser_failed, never as a model failure, in every kind of category', () => {
    const ast = makeCase('simple_python', [doc('f', { x: { type: 'integer' } })], '[{"f": {"x": [1]}}]');
    const irrelevance = makeCase('irrelevance', [doc('f', { x: { type: 'integer' } })], null);
    expect([scoreToolsResponse(ast, failed).verdict, scoreToolsResponse(irrelevance, failed).verdict]).toEqual([
      'parser_failed',
      'parser_failed',
    ]);
  });
});

describe('Qwen text decoder', () => {
  test('reads every <tool_call> block in order', () => {
    const text =
      'Sure.\n<tool_call>\n{"name": "play", "arguments": {"artist": "Maroon 5", "minutes": 15}}\n</tool_call>\n' +
      '<tool_call>\n{"name": "play", "arguments": {"artist": "Adele", "minutes": 2.5}}\n</tool_call>';
    expect(printed(decodeQwenText(text))).toBe(
      "[{'play': {'artist': 'Maroon 5', 'minutes': 15}}, {'play': {'artist': 'Adele', 'minutes': 2.5}}]",
    );
  });

  test('decodes text without blocks to an empty call list', () => {
    expect(printed(decodeQwenText('It is sunny today.'))).toBe('[]');
  });

  test('skips blocks that are not JSON and blocks without the newlines BFCL requires', () => {
    const text =
      '<tool_call>\n{"name": "a", "arguments": {}\n</tool_call>\n<tool_call>{"name": "b", "arguments": {}}</tool_call>' +
      '\n<tool_call>\n{"name": "c", "arguments": {}}\n</tool_call>';
    expect(printed(decodeQwenText(text))).toBe("[{'c': {}}]");
  });

  test('fails when a JSON block is not {"name", "arguments": {...}}', () => {
    expect(decodeQwenText('<tool_call>\n["a"]\n</tool_call>').ok).toBe(false);
    expect(decodeQwenText('<tool_call>\n{"name": "a"}\n</tool_call>').ok).toBe(false);
    expect(decodeQwenText('<tool_call>\n{"name": "a", "arguments": "x=1"}\n</tool_call>').ok).toBe(false);
  });

  test('reads only the answer after a </think> block', () => {
    const text =
      '<think>\n<tool_call>\n{"name": "draft", "arguments": {}}\n</tool_call>\n</think>\n\n<tool_call>\n{"name": "final", "arguments": {}}\n</tool_call>';
    expect(printed(decodeQwenText(text))).toBe("[{'final': {}}]");
  });
});
