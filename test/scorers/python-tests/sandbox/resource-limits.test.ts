import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';
import { createHostileSandbox, expectOne, processesInNamespace } from './helpers.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createHostileSandbox({ parallelism: 1 });
});
afterAll(() => sandbox.close());

// Prints the worker's pid namespace and how many of its processes outlive this case (all but this one:
// the fork server, and the long-lived split judge once a split case ran).
const REPORT = [
  'import os, sys',
  "others = sum(1 for p in os.listdir('/proc') if p.isdigit()) - 1",
  "sys.stderr.write('NS=%s LASTING=%d\\n' % (os.readlink('/proc/self/ns/pid'), others))",
  'sys.stderr.flush()',
  'def f():',
  "    raise ValueError('report')",
  '',
].join('\n');

describe('resource limits', () => {
  test.each(['split', 'in-process'] as const)(
    'a fork bomb fails and leaves only the lasting processes in its sandbox (%s judge)',
    async (judge) => {
      // Cases before and after the bomb report on the worker's pid namespace (the bomb's own output is a flood).
      const report = { ...expectOne(REPORT), judge };
      const namespaceOf = (stderr: string) => /NS=(pid:\[\d+\]) LASTING=(\d+)/.exec(stderr);
      const before = await sandbox.run(report);
      const bomb = await sandbox.run({ ...expectOne('import os\nwhile True:\n    os.fork()\n'), judge });
      const after = await sandbox.run(report);
      expect(bomb.status).not.toBe('passed');
      expect(bomb.worker.id).toBe(before.worker.id);
      const [, ns, lasting] = namespaceOf(before.stderrTail) ?? [];
      expect(ns).toMatch(/^pid:/);
      const sameWorker = after.worker.id === bomb.worker.id;
      expect(namespaceOf(after.stderrTail)?.[1] === ns).toBe(sameWorker);
      // Seen from the host after the last case ended: exactly what that case saw besides itself.
      const expected = sameWorker ? Number(namespaceOf(after.stderrTail)?.[2]) : 0;
      expect(processesInNamespace(ns!)).toHaveLength(expected);
      expect(Number(lasting)).toBeGreaterThanOrEqual(1);
    },
  );

  test('a memory bomb ends as memory', async () => {
    const result = await sandbox.run(expectOne('def f():\n    table = [0] * (1 << 31)\n    return len(table)\n'));
    expect(result.status).toBe('memory');
  });

  test.each(['split', 'in-process'] as const)(
    'an infinite loop ends as timeout through the CPU limit, not the wall clock (%s judge)',
    async (judge) => {
      // A wall limit far away, so that only CPU time can decide even on a loaded machine.
      const result = await sandbox.run({
        ...expectOne('def f():\n    while True:\n        pass\n'),
        judge,
        limits: { cpuMs: 1000, wallMs: 20_000 },
      });
      expect(result).toMatchObject({ status: 'timeout', detail: 'CPU time limit reached' });
    },
  );

  test('a candidate that ignores SIGXCPU still ends at the hard CPU limit', async () => {
    const code = 'import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\ndef f():\n    while True:\n        pass\n';
    // Soft limit 1 s, hard limit 2 s; a wall limit far away so that only CPU time can decide, even under load.
    const result = await sandbox.run({ ...expectOne(code), judge: 'split', limits: { cpuMs: 1000, wallMs: 20_000 } });
    expect(result).toMatchObject({ status: 'timeout', detail: 'CPU time limit reached' });
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
    const code =
      "with open('/work/fill', 'wb') as fh:\n    for _ in range(1024):\n        fh.write(b'0' * (1 << 20))\ndef f():\n    return 1\n";
    const result = await sandbox.run(expectOne(code));
    expect(result.status).not.toBe('passed');
  });
});
