import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { calibrateCpuMs, limitsForReference, wallMsFor, type Sandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';
import { createHostileSandbox } from './helpers.ts';

describe('time-limit calibration', () => {
  test('a fast reference gets the 3 s floor', () => {
    expect(calibrateCpuMs(40)).toBe(3000);
  });

  test('a slow reference gets four times its time', () => {
    expect(calibrateCpuMs(1500)).toBe(6000);
  });

  test('the wall limit is twice the CPU limit plus one second', () => {
    expect(limitsForReference(1500)).toEqual({ cpuMs: 6000, wallMs: wallMsFor(6000) });
    expect(wallMsFor(6000)).toBe(13_000);
  });
});

describe.each(['split', 'in-process'] as const)('the time the tests took (%s judge)', (judge) => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createHostileSandbox({ parallelism: 1, limits: { cpuMs: 5000 } });
  });
  afterAll(() => sandbox.close());

  test('covers at least the CPU the tests burned, so calibration scales with it', async () => {
    // The test spins until its own process has used 0.3 s of CPU; wall time cannot be less.
    const spin = 'import time\nstart = time.process_time()\nwhile time.process_time() - start < 0.3:\n    pass\nassert f() == 1\n';
    const result = await sandbox.run({ code: 'def f():\n    return 1\n', tests: [spin], judge });
    expect(result.status).toBe('passed');
    expect(result.testMs).toBeGreaterThanOrEqual(300);
  });
});
