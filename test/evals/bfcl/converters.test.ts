import { describe, expect, test } from 'vitest';
import { BfclCheckerError, convertJavaValue, convertJsValue, parsePythonJson } from '../../../src/evals/bfcl/index.ts';

// Values as plain JSON for comparison (bigint ints shown as numbers, dicts as objects).
const py = (json: string) => parsePythonJson(json);

describe('Java string converter', () => {
  test.each([
    ['42', 'integer', py('42')],
    ['-7', 'short', py('-7')],
    ['3.14f', 'float', py('3.14')],
    ['3e3F', 'float', py('3000.0')],
    ['3.14', 'double', py('3.14')],
    ['123L', 'long', py('123')],
    ['true', 'boolean', true],
    ['x', 'String', 'x'],
  ])('reads %s as a %s', (text, type, value) => {
    expect(convertJavaValue(text, type)).toEqual(value);
  });

  test.each([
    ['3.14', 'float'],
    ['123', 'long'],
    ['1.5', 'integer'],
    ['True', 'boolean'],
  ])('leaves %s unconverted as a %s (the type check then fails it)', (text, type) => {
    expect(convertJavaValue(text, type)).toBe(text);
  });

  test("never converts a char: BFCL's char pattern cannot match", () => {
    expect(convertJavaValue("'a'", 'char')).toBe("'a'");
  });

  test('reads arrays with typed elements and drops blank ones', () => {
    expect(convertJavaValue('new int[] { 1, 2, 3, }', 'Array', 'integer')).toEqual(py('[1, 2, 3]'));
    expect(convertJavaValue('new long[]{1L, 2, 3L}', 'Array', 'long')).toEqual([1n, '2', 3n]);
  });

  test('keeps the quotes of String array elements (so "a" never equals a)', () => {
    expect(convertJavaValue('new String[]{"a", "b"}', 'Array', 'String')).toEqual(['"a"', '"b"']);
  });

  test('reads ArrayLists built with Arrays.asList or add(), and strips String quotes there', () => {
    expect(convertJavaValue('new ArrayList<>(Arrays.asList("a", "b"))', 'ArrayList', 'String')).toEqual(['a', 'b']);
    expect(convertJavaValue('new ArrayList<Double>() {{ add(1.0); add(2.5); }}', 'ArrayList', 'double')).toEqual([1, 2.5]);
    expect(convertJavaValue('new ArrayList<>()', 'ArrayList', 'integer')).toEqual([]);
  });

  test('reads HashMaps from put() calls with untyped values', () => {
    expect(convertJavaValue('new HashMap<String, Object>() {{ put("n", 1); put("s", "v"); put("b", true); }}', 'HashMap')).toEqual(
      py('{"n": 1, "s": "v", "b": true}'),
    );
    expect(convertJavaValue('new HashMap<>()', 'HashMap')).toEqual(py('{}'));
  });

  test('leaves a map written any other way as text', () => {
    expect(convertJavaValue("java.util.HashMap<String, String>{'limit':'50'}", 'HashMap')).toBe(
      "java.util.HashMap<String, String>{'limit':'50'}",
    );
  });

  test('raises where BFCL raises: types it has no conversion for', () => {
    expect(() => convertJavaValue('x', 'Set')).toThrow(BfclCheckerError);
    expect(() => convertJavaValue('x', 'Widget')).toThrow(BfclCheckerError);
  });
});

describe('JavaScript string converter', () => {
  test.each([
    ['"abc"', 'String', 'abc'],
    ["'abc'", 'String', 'abc'],
    ['abc', 'String', 'abc'],
    ['12', 'integer', py('12')],
    ['1.5', 'float', py('1.5')],
    ['10', 'float', py('10.0')],
    ['9n', 'Bigint', py('9')],
    ['false', 'Boolean', false],
  ])('reads %s as a %s', (text, type, value) => {
    expect(convertJsValue(text, type)).toEqual(value);
  });

  test('leaves 1e3 unconverted as a float (no exponent in its pattern)', () => {
    expect(convertJsValue('1e3', 'float')).toBe('1e3');
  });

  test('reads arrays with and without an element type', () => {
    expect(convertJsValue("[1, 'two', true]", 'array')).toEqual([1n, 'two', true]);
    expect(convertJsValue('new Array(4, 5)', 'array', 'integer')).toEqual([4n, 5n]);
    expect(convertJsValue('["a", "b"]', 'array', 'String')).toEqual(['a', 'b']);
    expect(convertJsValue('[]', 'array', 'String')).toEqual([]);
  });

  test('reads 2-D arrays', () => {
    expect(convertJsValue(' [ [ 1, 2 ], [ 3,   4]]', 'array', 'array')).toEqual(py('[[1, 2], [3, 4]]'));
  });

  test('keeps the text when an element type is unknown to the converter', () => {
    expect(convertJsValue('[1, 2]', 'array', 'Widget')).toBe('[1, 2]');
  });

  test('reads object literals with bare, quoted and array values', () => {
    expect(convertJsValue('{"state": initialState, "list": ["a", "b"], "n": 3}', 'dict')).toEqual(
      py('{"state": "initialState", "list": ["a", "b"], "n": 3}'),
    );
  });

  test('leaves text that is not an object literal as text', () => {
    expect(convertJsValue('makeConfig()', 'dict')).toBe('makeConfig()');
  });
});
