import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';
import { createHostileSandbox, expectOne, listHostProcesses } from './helpers.ts';

const FORK_BOMB_MEMORY = 2 * 1024 ** 3 - 4096 * 7;
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createHostileSandbox();
});
afterAll(() => sandbox.close());

describe('resource limits', () => {
  test('a fork bomb fails and leaves no process behind on the host', async () => {
    // A memory limit no other test uses makes this run's processes recognisable in the host's process list.
    const program = { ...expectOne('import os\nwhile True:\n    os.fork()\n'), limits: { memoryBytes: FORK_BOMB_MEMORY } };
    const result = await sandbox.run(program);
    expect(result.status).not.toBe('passed');
    const leftovers = listHostProcesses().filter((p) => p.cmdline.includes(`judge.py 1 ${FORK_BOMB_MEMORY} `));
    expect(leftovers).toEqual([]);
  });

  test('a memory bomb ends as memory', async () => {
    const result = await sandbox.run(expectOne('def f():\n    table = [0] * (1 << 31)\n    return len(table)\n'));
    expect(result.status).toBe('memory');
  });

  test('an infinite loop ends as timeout through the CPU limit', async () => {
    const result = await sandbox.run(expectOne('def f():\n    while True:\n        pass\n'));
    expect(result.status).toBe('timeout');
    expect(result.durationMs).toBeLessThan(2400);
  });

  test('a sleeper ends as timeout through the wall-clock limit', async () => {
    const result = await sandbox.run(expectOne('import time\ndef f():\n    time.sleep(60)\n'));
    expect(result.status).toBe('timeout');
    expect(result.detail).toMatch(/wall-clock/);
  });

  test('unbounded output ends as output_limit', async () => {
    const result = await sandbox.run(expectOne("while True:\n    print('x' * 65536)\n"));
    expect(result.status).toBe('output_limit');
  });

  test('filling the work tmpfs fails instead of filling the host disk', async () => {
    const code = "with open('/work/fill', 'wb') as fh:\n    for _ in range(1024):\n        fh.write(b'0' * (1 << 20))\ndef f():\n    return 1\n";
    const result = await sandbox.run(expectOne(code));
    expect(result.status).not.toBe('passed');
  });
});
