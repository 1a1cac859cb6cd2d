import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';
import { createHostileSandbox, expectOne, processesInNamespace } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createHostileSandbox({ parallelism: 1 });
});
afterAll(() => sandbox.close());

const PRINT_NAMESPACE = "import os, sys\nsys.stderr.write('NS=%s\\n' % os.readlink('/proc/self/ns/pid'))\nsys.stderr.flush()\n";

describe('resource limits', () => {
  test.each(['split', 'in-process'] as const)('a fork bomb fails and leaves only the fork server in its sandbox (%s judge)', async (judge) => {
    // Cases before and after the bomb report the worker's pid namespace (the bomb's own output is a flood).
    const report = { ...expectOne(`${PRINT_NAMESPACE}def f():\n    raise ValueError('report')\n`), judge };
    const namespaceOf = (stderr: string): string | undefined => /NS=(pid:\[\d+\])/.exec(stderr)?.[1];
    const before = await sandbox.run(report);
    const bomb = await sandbox.run({ ...expectOne('import os\nwhile True:\n    os.fork()\n'), judge });
    const after = await sandbox.run(report);
    expect(bomb.status).not.toBe('passed');
    expect(bomb.worker.id).toBe(before.worker.id);
    const ns = namespaceOf(before.stderrTail);
    expect(ns).toMatch(/^pid:/);
    const sameWorker = after.worker.id === bomb.worker.id;
    expect(namespaceOf(after.stderrTail) === ns).toBe(sameWorker);
    expect(processesInNamespace(ns!)).toHaveLength(sameWorker ? 1 : 0);
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
