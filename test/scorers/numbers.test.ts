import { describe, expect, test } from 'vitest';
import { findLastNumber, findNumbers, numbersMatch, parseNumber } from '../../src/scorers/numeric/numbers.ts';

const value = (text: string) => parseNumber(text)?.value ?? null;

describe('parseNumber', () => {
  test.each([
    ['1,080', 1080],
    ['$1080', 1080],
    ['1080.00', 1080],
    ['1080.', 1080],
    ['\\$1,080', 1080],
    ['-42', -42],
    ['−7', -7],
    ['3.75', 3.75],
    ['.5', 0.5],
    ['1{,}080', 1080],
  ])('reads %j as %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  test('reads a fraction as one token with its quotient', () => {
    expect(parseNumber('3/4')).toMatchObject({ value: 0.75, canonical: '3/4', isFraction: true });
  });

  test('reads LaTeX \\frac as a fraction', () => {
    expect(parseNumber('\\frac{3}{4}')?.canonical).toBe('3/4');
  });

  test('returns null for text with words besides the number', () => {
    expect(parseNumber('18 dollars')).toBeNull();
  });

  test('returns null for malformed thousands separators', () => {
    expect(parseNumber('1,08')).toBeNull();
  });

  test('canonicalises decimals without trailing zeros', () => {
    expect(parseNumber('2.50')?.canonical).toBe('2.5');
  });
});

describe('findNumbers', () => {
  test('treats a hyphen between numbers as a minus, not a sign', () => {
    expect(findNumbers('16-3-4=9').map((t) => t.value)).toEqual([16, 3, 4, 9]);
  });

  test('keeps the sign of a negative number after an equals sign', () => {
    expect(findLastNumber('so x = -3')?.value).toBe(-3);
  });

  test('does not read a sentence-final period as a decimal point', () => {
    expect(findLastNumber('She makes 18.')?.canonical).toBe('18');
  });

  test('splits a list written with commas but no thousands groups', () => {
    expect(findNumbers('1,2,3').map((t) => t.value)).toEqual([1, 2, 3]);
  });

  test('reads the number of a hyphenated name without a sign', () => {
    expect(findLastNumber('COVID-19')?.value).toBe(19);
  });

  test('passes over trailing matches that are no number (a zero denominator, an overflow) to the last that is', () => {
    expect(findLastNumber(`18 eggs, then 3/0 and ${'9'.repeat(400)}`)?.canonical).toBe('18');
    expect(findLastNumber('3/0')).toBeNull();
  });

  test('finds the same last number as the full scan, a LaTeX fraction included', () => {
    const text = 'She pays $1,080.00, keeps \\frac{3}{4} and then -2.50 (so 16-3=13), leaving \\dfrac{-7}{8}';
    expect(findLastNumber(text)).toEqual(findNumbers(text).at(-1));
    expect(findLastNumber(text)?.canonical).toBe('-7/8');
  });
});

describe('numbersMatch', () => {
  const n = (text: string) => parseNumber(text)!;

  test('treats 1,080 and 1080.00 as equal', () => {
    expect(numbersMatch(n('1,080'), n('1080.00'))).toBe(true);
  });

  test('tolerates float round-off', () => {
    expect(numbersMatch({ ...n('0.3'), value: 0.1 + 0.2 }, n('0.3'))).toBe(true);
  });

  test('distinguishes 18 from 18.5', () => {
    expect(numbersMatch(n('18.5'), n('18'))).toBe(false);
  });

  test('accepts a fraction only when the gold is a fraction', () => {
    expect(numbersMatch(n('3/4'), n('0.75'))).toBe(false);
    expect(numbersMatch(n('6/8'), n('3/4'))).toBe(true);
  });

  test('accepts a decimal for a fraction gold of the same value', () => {
    expect(numbersMatch(n('0.75'), n('3/4'))).toBe(true);
  });
});
