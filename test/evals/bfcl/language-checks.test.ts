import { describe, expect, test } from 'vitest';
import { scoreDecoded, type BfclCase } from '../../../src/evals/bfcl/index.ts';
import { call, doc, makeCase } from './cases.ts';

// Java and JavaScript questions: the model answers every parameter as a string, which BFCL converts
// before the usual type and value checks.

function errorOf(testCase: BfclCase, argsJson: string): string | null {
  return scoreDecoded(testCase, { ok: true, calls: [call(testCase.functions[0]!.name, argsJson)] }, 'qwen_text').errorType;
}

describe('Java', () => {
  const java = makeCase(
    'simple_java',
    [
      doc('Cache.put', {
        key: { type: 'String' },
        ttl: { type: 'long' },
        enabled: { type: 'boolean' },
        tags: { type: 'ArrayList', items: { type: 'String' } },
        owner: { type: 'any' },
      }),
    ],
    '[{"Cache.put": {"key": ["session-1"], "ttl": [300], "enabled": [true], "tags": [["a", "b"]], "owner": ["currentUser"]}}]',
  );
  const ok =
    '{"key": "session-1", "ttl": "300L", "enabled": "true", "tags": "new ArrayList<>(Arrays.asList(\\"a\\", \\"b\\"))", "owner": "currentUser"}';

  test('converted literals of the right Java types pass', () => {
    expect(errorOf(java, ok)).toBeNull();
  });

  test('a value that is not a string fails with type_error:java', () => {
    expect(errorOf(java, ok.replace('"enabled": "true"', '"enabled": true'))).toBe('type_error:java');
  });

  test('a long without its L suffix stays a string and fails the type check', () => {
    expect(errorOf(java, ok.replace('"300L"', '"300"'))).toBe('type_error:simple');
  });

  test('a converted value compares like a Python value (300L equals 300)', () => {
    expect(errorOf(java, ok.replace('"300L"', '"301L"'))).toBe('value_error:others');
  });
});

describe('JavaScript', () => {
  const js = makeCase(
    'simple_javascript',
    [
      doc('chart', {
        title: { type: 'String' },
        width: { type: 'integer' },
        series: { type: 'array', items: { type: 'float' } },
        options: { type: 'dict', properties: { stacked: { type: 'Boolean' } } },
      }),
    ],
    '[{"chart": {"title": ["Sales"], "width": [400], "series": [[1.5, 2.0]], "options": [{"stacked": [true]}]}}]',
  );
  const ok = '{"title": "\'Sales\'", "width": "400", "series": "[1.5, 2.0]", "options": "{stacked: true}"}';

  test('converted literals of the right JavaScript types pass', () => {
    expect(errorOf(js, ok)).toBeNull();
  });

  test('a value that is not a string fails with type_error:js', () => {
    expect(errorOf(js, ok.replace('"width": "400"', '"width": 400'))).toBe('type_error:js');
  });

  test('array elements convert with the element type: 2 reads as the float 2.0', () => {
    expect(errorOf(js, ok.replace('[1.5, 2.0]', '[1.5, 2]'))).toBeNull();
  });

  test('an array element the element type cannot read stays a string and fails with type_error:nested', () => {
    expect(errorOf(js, ok.replace('[1.5, 2.0]', '[1.5, two]'))).toBe('type_error:nested');
  });
});
