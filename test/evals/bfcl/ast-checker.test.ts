import { describe, expect, test } from 'vitest';
import { scoreDecoded, type BfclCase, type DecodedCall } from '../../../src/evals/bfcl/index.ts';
import { call, doc, makeCase } from './cases.ts';

// One rule of BFCL's AST checker per test; each names the error type BFCL records.

// Score decoded calls in Qwen text mode (names as in the docs) and return the error type (null = correct).
function errorOf(testCase: BfclCase, ...calls: DecodedCall[]): string | null {
  return scoreDecoded(testCase, { ok: true, calls }, 'qwen_text').errorType;
}

const weather = makeCase(
  'simple_python',
  [doc('weather.get', { city: { type: 'string' }, days: { type: 'integer' }, units: { type: 'string' } }, ['city'])],
  '[{"weather.get": {"city": ["New York, NY", "NYC"], "days": [3], "units": ["", "metric"]}}]',
);

describe('function name and parameters', () => {
  test('a call with the expected name and values passes', () => {
    expect(errorOf(weather, call('weather.get', '{"city": "NYC", "days": 3}'))).toBeNull();
  });

  test('another name fails with wrong_func_name', () => {
    expect(errorOf(weather, call('weather.fetch', '{"city": "NYC", "days": 3}'))).toBe('simple_function_checker:wrong_func_name');
  });

  test('in tools mode the expected name is compared with dots as underscores', () => {
    const calls = [call('weather_get', '{"city": "NYC", "days": 3}')];
    expect(scoreDecoded(weather, { ok: true, calls }, 'tools').verdict).toBe('correct');
    expect(scoreDecoded(weather, { ok: true, calls: [call('weather.get', '{"city": "NYC", "days": 3}')] }, 'tools').errorType).toBe(
      'simple_function_checker:wrong_func_name',
    );
  });

  test('a missing required parameter fails with missing_required', () => {
    expect(errorOf(weather, call('weather.get', '{"days": 3}'))).toBe('simple_function_checker:missing_required');
  });

  test('a parameter the doc does not declare fails with unexpected_param', () => {
    expect(errorOf(weather, call('weather.get', '{"city": "NYC", "days": 3, "lang": "en"}'))).toBe(
      'simple_function_checker:unexpected_param',
    );
  });

  test('a declared parameter absent from the possible answer also fails with unexpected_param', () => {
    const noUnits = makeCase('simple_python', [doc('f', { a: { type: 'integer' }, b: { type: 'integer' } }, ['a'])], '[{"f": {"a": [1]}}]');
    expect(errorOf(noUnits, call('f', '{"a": 1, "b": 2}'))).toBe('simple_function_checker:unexpected_param');
  });

  test('a parameter whose allowed values hold "" may be omitted', () => {
    expect(errorOf(weather, call('weather.get', '{"city": "NYC", "days": 3, "units": "metric"}'))).toBeNull();
  });

  test('omitting a parameter without "" among its values fails with missing_optional', () => {
    expect(errorOf(weather, call('weather.get', '{"city": "NYC"}'))).toBe('simple_function_checker:missing_optional');
  });
});

describe('types', () => {
  const typed = makeCase(
    'simple_python',
    [doc('f', { n: { type: 'integer' }, x: { type: 'float' }, flag: { type: 'boolean' } }, [])],
    '[{"f": {"n": ["", 5], "x": ["", 2.0], "flag": ["", true]}}]',
  );

  test('an int where the doc says float is accepted (Python int->float)', () => {
    expect(errorOf(typed, call('f', '{"x": 2}'))).toBeNull();
  });

  test('a float where the doc says integer fails with type_error:simple, even when equal in value', () => {
    expect(errorOf(typed, call('f', '{"n": 5.0}'))).toBe('type_error:simple');
  });

  test('a bool is not an int', () => {
    expect(errorOf(typed, call('f', '{"n": true}'))).toBe('type_error:simple');
  });

  test('a string holding a number is not a number', () => {
    expect(errorOf(typed, call('f', '{"x": "2.0"}'))).toBe('type_error:simple');
  });

  test('list elements are type-checked one level deep, without int->float', () => {
    const floats = makeCase(
      'simple_python',
      [doc('f', { xs: { type: 'array', items: { type: 'float' } } })],
      '[{"f": {"xs": [[1.5, 2.0]]}}]',
    );
    expect(errorOf(floats, call('f', '{"xs": [1.5, 2.0]}'))).toBeNull();
    expect(errorOf(floats, call('f', '{"xs": [1.5, 2]}'))).toBe('type_error:nested');
  });

  test("a value of the possible answers' type counts as a variable and is compared exactly", () => {
    const variable = makeCase('simple_python', [doc('f', { config: { type: 'dict' } })], '[{"f": {"config": ["myConfig"]}}]');
    expect(errorOf(variable, call('f', '{"config": "myConfig"}'))).toBeNull();
    expect(errorOf(variable, call('f', '{"config": "myconfig"}'))).toBe('value_error:others');
  });
});

describe('values', () => {
  test('strings compare after dropping spaces and , . / - _ * ^ and ignoring case', () => {
    expect(errorOf(weather, call('weather.get', '{"city": "new york ny", "days": 3}'))).toBeNull();
    expect(errorOf(weather, call('weather.get', '{"city": "New York City", "days": 3}'))).toBe('value_error:string');
  });

  test('numbers must be among the allowed values', () => {
    expect(errorOf(weather, call('weather.get', '{"city": "NYC", "days": 4}'))).toBe('value_error:others');
  });

  const lists = makeCase(
    'simple_python',
    [doc('f', { tags: { type: 'array', items: { type: 'string' } } })],
    '[{"f": {"tags": [["Red Wine", "cheese"], ["cheese"]]}}]',
  );

  test('lists match one allowed list element by element, strings standardised', () => {
    expect(errorOf(lists, call('f', '{"tags": ["red-wine", "Cheese"]}'))).toBeNull();
  });

  test('lists in another order fail with value_error:list/tuple', () => {
    expect(errorOf(lists, call('f', '{"tags": ["cheese", "red wine"]}'))).toBe('value_error:list/tuple');
  });

  const dicts = makeCase(
    'simple_python',
    [doc('f', { opts: { type: 'dict', properties: { size: { type: 'string' }, count: { type: 'integer' } } } })],
    '[{"f": {"opts": [{"size": ["Large"], "count": ["", 2]}]}}]',
  );

  test('dicts match key by key, string values standardised, optional keys omittable', () => {
    expect(errorOf(dicts, call('f', '{"opts": {"size": "large"}}'))).toBeNull();
    expect(errorOf(dicts, call('f', '{"opts": {"count": 2, "size": "LARGE"}}'))).toBeNull();
  });

  test('a dict with an unknown key fails with value_error:dict_key', () => {
    expect(errorOf(dicts, call('f', '{"opts": {"size": "large", "color": "red"}}'))).toBe('value_error:dict_key');
  });

  test('a dict with a wrong value fails with value_error:dict_value', () => {
    expect(errorOf(dicts, call('f', '{"opts": {"size": "small"}}'))).toBe('value_error:dict_value');
  });

  test('a dict missing a required key fails with value_error:dict_key', () => {
    expect(errorOf(dicts, call('f', '{"opts": {"count": 2}}'))).toBe('value_error:dict_key');
  });

  const listOfDicts = makeCase(
    'simple_python',
    [doc('f', { items: { type: 'array', items: { type: 'dict' } } })],
    '[{"f": {"items": [[{"name": ["a"]}, {"name": ["b"]}]]}}]',
  );

  test('lists of dicts match in order and in count', () => {
    expect(errorOf(listOfDicts, call('f', '{"items": [{"name": "A"}, {"name": "b"}]}'))).toBeNull();
    expect(errorOf(listOfDicts, call('f', '{"items": [{"name": "b"}, {"name": "a"}]}'))).toBe('value_error:dict_value');
    expect(errorOf(listOfDicts, call('f', '{"items": [{"name": "a"}]}'))).toBe('value_error:list_dict_count');
  });
});

describe('call counts', () => {
  test('a simple category needs exactly one call', () => {
    expect(errorOf(weather)).toBe('simple_function_checker:wrong_count');
    const once = call('weather.get', '{"city": "NYC", "days": 3}');
    expect(errorOf(weather, once, once)).toBe('simple_function_checker:wrong_count');
  });

  const multiple = makeCase(
    'multiple',
    [doc('a', { x: { type: 'integer' } }), doc('b', { y: { type: 'string' } })],
    '[{"b": {"y": ["hello"]}}]',
  );

  test('multiple checks the one call against the expected function among several docs', () => {
    expect(errorOf(multiple, call('b', '{"y": "Hello"}'))).toBeNull();
    expect(errorOf(multiple, call('a', '{"x": 1}'))).toBe('simple_function_checker:wrong_func_name');
    expect(errorOf(multiple)).toBe('multiple_function_checker:wrong_count');
  });

  const parallel = makeCase(
    'parallel',
    [doc('play', { artist: { type: 'string' }, minutes: { type: 'integer' } })],
    '[{"play": {"artist": ["Taylor Swift"], "minutes": [20]}}, {"play": {"artist": ["Maroon 5"], "minutes": [15]}}]',
  );

  test('parallel calls match in any order', () => {
    const first = call('play', '{"artist": "Taylor Swift", "minutes": 20}');
    const second = call('play', '{"artist": "Maroon 5", "minutes": 15}');
    expect(errorOf(parallel, first, second)).toBeNull();
    expect(errorOf(parallel, second, first)).toBeNull();
  });

  test('parallel calls must match one to one', () => {
    const first = call('play', '{"artist": "Taylor Swift", "minutes": 20}');
    expect(errorOf(parallel, first, first)).toBe('parallel_function_checker_no_order:cannot_find_match');
    expect(errorOf(parallel, first)).toBe('parallel_function_checker_no_order:wrong_count');
  });
});

describe('decoding outcomes', () => {
  test('an undecodable response fails with ast_decoder:decoder_failed', () => {
    expect(scoreDecoded(weather, { ok: false, error: 'text' }, 'qwen_text').errorType).toBe('ast_decoder:decoder_failed');
  });

  test('arguments that are not an object fail with ast_decoder:decoder_wrong_output_format', () => {
    expect(errorOf(weather, call('weather.get', '["NYC", 3]'))).toBe('ast_decoder:decoder_wrong_output_format');
  });

  test("an input on which BFCL's checker itself raises is a failed case, not a crash", () => {
    const unknownType = makeCase('simple_python', [doc('f', { x: { type: 'widget' } })], '[{"f": {"x": [1]}}]');
    const score = scoreDecoded(unknownType, { ok: true, calls: [call('f', '{"x": 1}')] }, 'qwen_text');
    expect([score.verdict, score.errorType]).toEqual(['wrong', 'checker_error:bfcl_raises']);
  });
});

describe('irrelevance and relevance', () => {
  const irrelevance = makeCase('irrelevance', [doc('f', { x: { type: 'integer' } })], null);
  const relevance = makeCase('live_relevance', [doc('f', { x: { type: 'integer' } })], null);

  test('irrelevance passes iff no call decodes', () => {
    expect(scoreDecoded(irrelevance, { ok: true, calls: [] }, 'qwen_text').verdict).toBe('correct');
    expect(scoreDecoded(irrelevance, { ok: false, error: 'text' }, 'qwen_text').verdict).toBe('correct');
    expect(scoreDecoded(irrelevance, { ok: true, calls: [call('f', '{"x": "anything"}')] }, 'qwen_text').errorType).toBe(
      'irrelevance_error:decoder_success',
    );
  });

  test('relevance passes iff some call decodes, whatever its arguments', () => {
    expect(scoreDecoded(relevance, { ok: true, calls: [call('g', '{}')] }, 'qwen_text').verdict).toBe('correct');
    expect(scoreDecoded(relevance, { ok: true, calls: [] }, 'qwen_text').errorType).toBe('relevance_error:decoder_failed');
  });

  test('a call whose arguments are not an object counts as no call', () => {
    expect(scoreDecoded(irrelevance, { ok: true, calls: [call('f', '"x"')] }, 'qwen_text').verdict).toBe('correct');
  });
});
