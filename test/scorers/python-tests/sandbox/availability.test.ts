import { describe, expect, test, vi } from 'vitest';
import { SandboxUnavailableError } from '../../../../src/shared/errors.ts';
import { createSandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';

describe('availability', () => {
  test('createSandbox fails closed and names the package when bwrap is missing', async () => {
    const attempt = createSandbox({ bwrapPath: '/nonexistent/bwrap' });
    await expect(attempt).rejects.toBeInstanceOf(SandboxUnavailableError);
    await expect(createSandbox({ bwrapPath: '/nonexistent/bwrap' })).rejects.toThrow(/apt-get install bubblewrap/);
  });

  test('the weak mode warns loudly and records itself in every result', async () => {
    const warn = vi.fn();
    const sandbox = await createSandbox({ isolation: 'unsafe-rlimits-only', bwrapPath: '/nonexistent/bwrap', warn, parallelism: 1 });
    try {
      const result = await sandbox.run({ code: 'def f():\n    return 1\n', tests: ['assert f() == 1'] });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/NOT isolated/));
      expect(result.status).toBe('passed');
      expect(result.isolation.mode).toBe('unsafe-rlimits-only');
    } finally {
      sandbox.close();
    }
  });

  test('the default sandbox records bwrap isolation and the interpreter version', async () => {
    const sandbox = await createSandbox({ parallelism: 1 });
    try {
      const result = await sandbox.run({ code: 'def f():\n    return 1\n', tests: ['assert f() == 1'] });
      expect(result.isolation).toMatchObject({ mode: 'bwrap', pythonVersion: expect.stringMatching(/^3\.\d+/) });
      expect(result.status).toBe('passed');
    } finally {
      sandbox.close();
    }
  });
});
