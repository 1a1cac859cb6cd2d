import { describe, expect, test } from 'vitest';
import { isSafeRunId, makeRunId } from '../../../src/node/history/run-id.ts';

describe('makeRunId', () => {
  test('starts with the UTC start time in a file-name-safe form, then project, preset and 4 hex digits', () => {
    const id = makeRunId({ project: 'qwen3_8b', preset: 'default', startedAt: new Date('2026-11-27T18:40:00.123Z'), random: () => 0.5 });
    expect(id).toBe('2026-11-27T18-40-00-123Z_qwen3_8b_default_8000');
  });

  test('sorts lexicographically in start-time order', () => {
    const times = ['2026-11-27T09:59:59.999Z', '2026-11-27T10:00:00.000Z', '2027-01-01T00:00:00.000Z'];
    const ids = times.map((t) => makeRunId({ project: 'p', preset: 'x', startedAt: new Date(t) }));
    expect([...ids].reverse().sort()).toEqual(ids);
  });

  test('replaces path separators and spaces in project and preset', () => {
    const id = makeRunId({ project: '../evil/name', preset: 'fast preset', startedAt: new Date(0), random: () => 0 });
    expect(id).toBe('1970-01-01T00-00-00-000Z_evil-name_fast-preset_0000');
    expect(isSafeRunId(id)).toBe(true);
  });

  test('rejects an invalid start date', () => {
    expect(() => makeRunId({ project: 'p', preset: 'x', startedAt: new Date('nope') })).toThrow(/invalid Date/);
  });
});

describe('isSafeRunId', () => {
  test('refuses ids that would escape the runs folder or hide the file', () => {
    expect(isSafeRunId('a/b')).toBe(false);
    expect(isSafeRunId('..\\x')).toBe(false);
    expect(isSafeRunId('.hidden')).toBe(false);
    expect(isSafeRunId('')).toBe(false);
  });
});
