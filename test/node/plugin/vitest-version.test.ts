import { describe, expect, test, vi } from 'vitest';
import { checkVitestVersion, judgeVitestVersion } from '../../../src/node/plugin/vitest-version.ts';

describe('judgeVitestVersion', () => {
  test('accepts the versions of the peer range', () => {
    expect(judgeVitestVersion('4.1.12', '~4.1.12', '0.1.0')).toEqual({ kind: 'supported' });
    expect(judgeVitestVersion('4.1.20', '~4.1.12', '0.1.0')).toEqual({ kind: 'supported' });
  });

  test('refuses another major, naming both versions and the install command', () => {
    expect(judgeVitestVersion('5.1.2', '~4.1.12', '0.1.0')).toEqual({
      kind: 'unsupported',
      message:
        'qwen-evals 0.1.0 runs on Vitest ~4.1.12 (its peer dependency); this project has Vitest 5.1.2: install a supported one: `pnpm add -D vitest@~4.1.12`.',
    });
  });

  test('refuses a version older than the range', () => {
    expect(judgeVitestVersion('4.1.11', '~4.1.12', '0.1.0').kind).toBe('unsupported');
    expect(judgeVitestVersion('4.0.18', '^4.1.12', '0.1.0').kind).toBe('unsupported');
  });

  test('calls a newer minor of the same major untested under ~, supported under ^', () => {
    expect(judgeVitestVersion('4.2.0-beta.1', '~4.1.12', '0.1.0')).toMatchObject({
      kind: 'untested',
      message: expect.stringContaining('vitest@~4.1.12'),
    });
    expect(judgeVitestVersion('4.2.0', '^4.1.12', '0.1.0')).toEqual({ kind: 'supported' });
  });

  test('refuses a version it cannot read', () => {
    expect(judgeVitestVersion('next', '~4.1.12', '0.1.0').kind).toBe('unsupported');
  });
});

test('the Vitest this repository installs passes the check without a warning', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    expect(() => checkVitestVersion()).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
  } finally {
    warn.mockRestore();
  }
});
