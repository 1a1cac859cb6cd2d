import { describe, expect, test } from 'vitest';
import { extractCode } from '../../helpers/code-datasets.ts';

const F = '```';

describe('extractCode', () => {
  test('takes the python block out of prose', () => {
    const response = `Sure! Here it is:\n\n${F}python\ndef add(a, b):\n    return a + b\n${F}\n\nIt adds two numbers.`;
    expect(extractCode(response, { entryPoint: 'add' })).toEqual({
      code: 'def add(a, b):\n    return a + b\n',
      source: 'fenced',
      blockCount: 1,
    });
  });

  test('prefers the block that defines the entry point over a longer usage block', () => {
    const usage = `${F}python\nprint(add(1, 2))\nprint(add(3, 4))\nprint(add(5, 6))\nprint(add(7, 8))\n${F}`;
    const response = `${F}python\ndef add(a, b):\n    return a + b\n${F}\nUsage:\n${usage}`;
    expect(extractCode(response, { entryPoint: 'add' })?.code).toBe('def add(a, b):\n    return a + b\n');
  });

  test('takes the last block defining the entry point when the answer revises itself', () => {
    const response = `${F}python\ndef add(a, b):\n    return a - b\n${F}\nOops, fixed:\n${F}python\ndef add(a, b):\n    return a + b\n${F}`;
    expect(extractCode(response, { entryPoint: 'add' })?.code).toBe('def add(a, b):\n    return a + b\n');
  });

  test('falls back to the longest block when none defines the entry point', () => {
    const response = `${F}python\nx = 1\n${F}\n${F}py\n    return a + b  # body only\n${F}`;
    expect(extractCode(response, { entryPoint: 'add' })?.code).toBe('    return a + b  # body only\n');
  });

  test('ignores blocks tagged with another language', () => {
    const response = `${F}bash\npip install foo\n${F}\n${F}python\ndef add(a, b):\n    return a + b\n${F}`;
    expect(extractCode(response)?.blockCount).toBe(1);
  });

  test('accepts an unterminated block cut by a stop string or the token limit', () => {
    expect(extractCode(`${F}python\ndef add(a, b):\n    return a + b\n`, { entryPoint: 'add' })?.code).toBe(
      'def add(a, b):\n    return a + b\n',
    );
  });

  test('ignores the reasoning of thinking models', () => {
    const response = `<think>\n${F}python\ndef add(a, b):\n    return 0\n${F}\n</think>\n${F}python\ndef add(a, b):\n    return a + b\n${F}`;
    expect(extractCode(response, { entryPoint: 'add' })?.code).toBe('def add(a, b):\n    return a + b\n');
  });

  test('trims prose around bare code', () => {
    const response = 'Here is the function you asked for:\n\ndef add(a, b):\n    return a + b\n\nThis works for all integers.';
    expect(extractCode(response)).toEqual({ code: 'def add(a, b):\n    return a + b\n', source: 'bare', blockCount: 0 });
  });

  test('keeps a bare body continuation as it is', () => {
    expect(extractCode('    return a + b\n')?.code).toBe('    return a + b\n');
  });

  test('a response continuing a pre-filled fence stops at the closing fence', () => {
    const response = 'def add(a, b):\n    return a + b\n```\n\nExplanation: it adds.';
    expect(extractCode(response, { entryPoint: 'add', prefilled: true })?.code).toBe('def add(a, b):\n    return a + b\n');
  });

  test('returns null for an empty answer', () => {
    expect(extractCode('  \n')).toBeNull();
  });
});
