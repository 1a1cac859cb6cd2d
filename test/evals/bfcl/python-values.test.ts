import { describe, expect, test } from 'vitest';
import {
  formatPyFloat,
  formatPyRepr,
  formatPythonJson,
  parsePythonJson,
  pyEquals,
  pyTypeName,
  toJsonValue,
} from '../../../src/evals/bfcl/index.ts';
import { pyContains } from '../../../src/evals/bfcl/python-value.ts';
import { pyFloatFromText, pyIntFromText, pyStrip, standardizeString } from '../../../src/evals/bfcl/python-text.ts';

describe('parsePythonJson reads JSON the way Python json.loads does', () => {
  test('keeps 5 an int and 5.0 a float', () => {
    const value = parsePythonJson('{"a": 5, "b": 5.0, "c": 5e0, "d": -0}') as Record<string, unknown>;
    expect([pyTypeName(value.a as bigint), pyTypeName(value.b as number), pyTypeName(value.c as number)]).toEqual([
      'int',
      'float',
      'float',
    ]);
    expect(value.d).toBe(0n);
  });

  test('keeps integers beyond 2^53 exact', () => {
    expect(parsePythonJson('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
  });

  test('accepts NaN and Infinity, which JSON.parse rejects', () => {
    const [nan, inf, negInf] = parsePythonJson('[NaN, Infinity, -Infinity]') as number[];
    expect([Number.isNaN(nan), inf, negInf]).toEqual([true, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  test('lets a repeated key keep its first position and take the last value', () => {
    expect(Object.entries(parsePythonJson('{"a": 1, "b": 2, "a": 3}') as object)).toEqual([
      ['a', 3n],
      ['b', 2n],
    ]);
  });

  test('treats __proto__ as an ordinary key', () => {
    const value = parsePythonJson('{"__proto__": 1}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  test.each([
    ['trailing comma', '[1, 2,]'],
    ['trailing text', '{"a": 1} x'],
    ['single quotes', "{'a': 1}"],
    ['raw newline in a string', '"a\nb"'],
    ['leading zero', '01'],
    ['empty text', ''],
  ])('rejects %s', (_, text) => {
    expect(() => parsePythonJson(text)).toThrow(SyntaxError);
  });

  test('decodes escapes, including surrogate pairs', () => {
    expect(parsePythonJson('"\\u00e9\\ud83d\\ude00\\n\\/"')).toBe('é😀\n/');
  });
});

describe('formatPythonJson writes what Python json.dumps writes', () => {
  test('uses Python separators and keeps the .0 of integral floats', () => {
    expect(formatPythonJson(parsePythonJson('{"a":[1,2.0,true,null],"b":{}}'))).toBe('{"a": [1, 2.0, true, null], "b": {}}');
  });

  test('escapes everything outside printable ASCII', () => {
    expect(formatPythonJson('é😀\u007f"\\\t')).toBe('"\\u00e9\\ud83d\\ude00\\u007f\\"\\\\\\t"');
  });

  test('writes non-finite floats as NaN and Infinity', () => {
    expect(formatPythonJson([Number.NaN, Number.NEGATIVE_INFINITY])).toBe('[NaN, -Infinity]');
  });
});

describe('formatPyFloat matches CPython repr', () => {
  test.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [123456789012345680000, '1.2345678901234568e+20'],
    [-0, '-0.0'],
    [5e-324, '5e-324'],
    [0.30000000000000004, '0.30000000000000004'],
  ])('%d prints as %s', (value, text) => {
    expect(formatPyFloat(value)).toBe(text);
  });
});

describe('pyEquals follows Python ==', () => {
  test('equates True, 1 and 1.0 but not "1"', () => {
    expect([pyEquals(true, 1n), pyEquals(1n, 1), pyEquals(true, 1), pyEquals(1n, '1')]).toEqual([true, true, true, false]);
  });

  test('compares an int with a float exactly', () => {
    expect([pyEquals(2n ** 60n, 2 ** 60), pyEquals(2n ** 60n + 1n, 2 ** 60), pyEquals(1n, 1.5)]).toEqual([true, false, false]);
  });

  test('compares lists in order and dicts by key', () => {
    const a = parsePythonJson('{"x": [1, 2], "y": "z"}');
    expect(pyEquals(a, parsePythonJson('{"y": "z", "x": [1.0, 2]}'))).toBe(true);
    expect(pyEquals(a, parsePythonJson('{"y": "z", "x": [2, 1]}'))).toBe(false);
    expect(pyEquals(a, parsePythonJson('{"y": "z"}'))).toBe(false);
  });

  test('never equates None with anything else', () => {
    expect([pyEquals(null, null), pyEquals(null, 0n), pyEquals(null, '')]).toEqual([true, false, false]);
  });
});

describe('pyContains follows Python in', () => {
  test('is membership for lists, substring for str, key lookup for dicts', () => {
    expect(pyContains(['', 1n], '')).toBe(true);
    expect(pyContains('abc', '')).toBe(true);
    expect(pyContains(parsePythonJson('{"a": 1}'), 'a')).toBe(true);
    expect(pyContains([1n], true)).toBe(true);
  });

  test('is undefined where Python raises TypeError', () => {
    expect(pyContains('abc', 1n)).toBeUndefined();
    expect(pyContains(5n, 5n)).toBeUndefined();
  });
});

describe('Python text helpers', () => {
  test('int() accepts signs, surrounding whitespace and digit underscores only', () => {
    expect([pyIntFromText(' +12\n'), pyIntFromText('1_000'), pyIntFromText('1__0'), pyIntFromText('1.0')]).toEqual([
      12n,
      1000n,
      undefined,
      undefined,
    ]);
  });

  test('float() accepts inf, nan, exponents and a bare point side', () => {
    expect([pyFloatFromText('-inf'), pyFloatFromText('1.'), pyFloatFromText('.5e1'), pyFloatFromText('.')]).toEqual([
      Number.NEGATIVE_INFINITY,
      1,
      5,
      undefined,
    ]);
  });

  test('strip() removes Python whitespace, which differs from JS trim()', () => {
    expect(pyStrip('\u001fa\u0085')).toBe('a');
    expect(pyStrip('\ufeffa')).toBe('\ufeffa');
  });

  test('standardizeString drops spaces and , . / - _ * ^, lowercases, and turns single into double quotes', () => {
    expect(standardizeString("April 1, 2024 - New_York's *^/.")).toBe('april12024newyork"s');
  });
});

describe('rendering', () => {
  test('formatPyRepr prints like Python repr', () => {
    expect(formatPyRepr(parsePythonJson('{"a": [1, 2.0, "it\'s", null, true]}'))).toBe(`{'a': [1, 2.0, "it's", None, True]}`);
  });

  test('toJsonValue makes ints plain numbers for request bodies', () => {
    expect(toJsonValue(parsePythonJson('{"n": 5, "f": 1.5}'))).toEqual({ n: 5, f: 1.5 });
  });
});
