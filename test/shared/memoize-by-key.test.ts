import { describe, expect, test } from 'vitest';
import { memoizeByKey } from '../../src/shared/memoize-by-key.ts';

describe('memoizeByKey', () => {
  test('makes a value once per key, whatever context later calls pass', () => {
    const made: string[] = [];
    const lengthOf = memoizeByKey((key, extra: number) => {
      made.push(key);
      return key.length + extra;
    });
    expect([lengthOf('ab', 1), lengthOf('ab', 100), lengthOf('abc', 0)]).toEqual([3, 3, 3]);
    expect(made).toEqual(['ab', 'abc']);
  });

  test('with a maximum, forgets everything once that many keys are remembered', () => {
    const made: string[] = [];
    const remember = memoizeByKey(
      (key) => {
        made.push(key);
        return key;
      },
      { max: 2 },
    );
    for (const key of ['a', 'b', 'a', 'c', 'a', 'c']) remember(key);
    // 'c' arrives with two remembered: both forgotten, so 'a' is made again; 'c' stays.
    expect(made).toEqual(['a', 'b', 'c', 'a']);
  });
});
