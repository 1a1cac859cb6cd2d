import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';
import { createHostileSandbox, expectOne } from './helpers.ts';

// Candidates that know the judge's protocol and attack it from inside their own process. Under the split
// judge the tests and the nonce never enter the candidate's process; in-process they do, which the
// first test demonstrates so that the split results below are not vacuous.
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createHostileSandbox({ parallelism: 1 });
});
afterAll(() => sandbox.close());

// At import: collect every 32-hex string reachable from the stack (locals, globals, lists of them), write
// "<nonce> PASS 0" for each on every fd it may hold, and exit 0 before any test runs. f() is wrong.
const STACK_WALK_THEFT = `
import os, re, sys
HEX = re.compile('^[0-9a-f]{32}$')
found = set()
frame = sys._getframe()
while frame is not None:
    for scope in (frame.f_locals, frame.f_globals):
        for value in list(scope.values()):
            for v in (value if isinstance(value, (list, tuple)) else [value]):
                if isinstance(v, str) and HEX.match(v):
                    found.add(v)
    frame = frame.f_back
for nonce in found:
    for fd in range(3, 64):
        try:
            os.write(fd, ('%s PASS 0\\n' % nonce).encode())
        except OSError:
            pass
os._exit(0)
def f():
    return 2
`;

// Reads its whole address space through /proc/self/mem; returns every string matching `pattern`.
const scanOwnMemory = (pattern: string): string => `
import re
def scan():
    found = set()
    with open('/proc/self/maps') as maps, open('/proc/self/mem', 'rb', 0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            if not perms.startswith('r') or line.rstrip().endswith(('[vvar]', '[vsyscall]')):
                continue
            start, end = (int(x, 16) for x in span.split('-'))
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except (OSError, ValueError, OverflowError):
                continue
            found.update(m.decode() for m in re.findall(${pattern}, data))
    return sorted(found)
`;

describe('a candidate that steals the judge nonce by walking the stack at import time', () => {
  test('wins against the in-process judge: the attack is real', async () => {
    const result = await sandbox.run({ ...expectOne(STACK_WALK_THEFT), judge: 'in-process' });
    expect(result.status).toBe('passed');
  });

  test('never scores as a pass under the split judge', async () => {
    const result = await sandbox.run({ ...expectOne(STACK_WALK_THEFT), judge: 'split' });
    expect(result.status).not.toBe('passed');
    expect(result.judge).toBe('split');
  });
});

describe('a candidate that scans its own memory', () => {
  // The marker exists only in the tests; the scan pattern is built so the candidate's code cannot match it.
  const marker = (): string => `MARK${''}ER-${randomBytes(8).toString('hex')}`;
  const program = (expected: string) => ({
    code: `${scanOwnMemory("rb'MARK' rb'ER-[0-9a-f]{16}'")}\ndef f():\n    return scan()\n`,
    tests: [`assert f() == ['${expected}']`],
  });

  test('finds its own tests in-process: the scan works', async () => {
    const expected = marker();
    // Its own marker among what it finds: a case the file ran before may have left its own in the worker's memory.
    const finds = { ...program(expected), tests: [`assert '${expected}' in f()`] };
    const result = await sandbox.run({ ...finds, judge: 'in-process' });
    expect(result.status).toBe('passed');
  });

  test('finds neither its tests nor those of the case before under the split judge', async () => {
    const earlier = marker();
    await sandbox.run({ ...program(earlier), judge: 'in-process' });
    const expected = marker();
    const result = await sandbox.run({ ...program(expected), judge: 'split' });
    expect(result.status).toBe('assertion');
    expect(result.detail).not.toContain(earlier);
  });

  // The test (trusted, in the judge's process) looks up the real nonce on its own stack and checks that the
  // candidate's scan (every run of 32+ hex digits), which must find a token the candidate planted itself,
  // did not find the nonce. A whole-memory scan needs more than the hostile 1 s of CPU.
  const nonceScan = {
    code: `${scanOwnMemory("rb'[0-9a-f]{32,}'")}\nimport os\nplanted = os.urandom(16).hex()\ndef f():\n    return [planted, scan()]\n`,
    tests: [
      "import sys\nframe = sys._getframe()\nwhile 'nonce' not in frame.f_locals:\n    frame = frame.f_back\nnonce = frame.f_locals['nonce']\nplanted, runs = f()\nassert any(planted in r for r in runs)\nassert not any(nonce in r for r in runs)\n",
    ],
    limits: { cpuMs: 10_000 },
  };

  test('finds the nonce in-process: the scan works', async () => {
    const result = await sandbox.run({ ...nonceScan, judge: 'in-process' });
    expect(result).toMatchObject({ status: 'assertion', failingAssert: 'assert not any(nonce in r for r in runs)' });
  });

  test('finds no trace of the nonce under the split judge', async () => {
    const result = await sandbox.run({ ...nonceScan, judge: 'split' });
    expect(result.status, result.detail).toBe('passed');
  });
});

describe('a candidate that reaches for other processes of its sandbox', () => {
  // What the candidate gets hold of in every other process (fds opened for writing, memory, ptrace), and,
  // as a control, in a child of its own, where all three work.
  const PROBE = `
import ctypes, os, time
libc = ctypes.CDLL(None, use_errno=True)
child = os.fork()
if child == 0:
    time.sleep(30)
    os._exit(0)

def reach(pid):
    got = []
    try:
        for fd in os.listdir('/proc/%d/fd' % pid):
            os.open('/proc/%d/fd/%s' % (pid, fd), os.O_WRONLY)
            got.append('fd')
            break
    except OSError:
        pass
    try:
        with open('/proc/%d/mem' % pid, 'rb'):
            got.append('mem')
    except OSError:
        pass
    if libc.ptrace(16, pid, None, None) == 0:  # PTRACE_ATTACH
        got.append('ptrace')
    return got

def f():
    others = [int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) not in (os.getpid(), child)]
    return {'control': reach(child), 'others': sorted(set(x for pid in others for x in reach(pid))), 'count': len(others)}
`;

  test("cannot open the judge's or the server's fds or memory, nor ptrace them", async () => {
    const tests = ["assert f() == {'control': ['fd', 'mem', 'ptrace'], 'others': [], 'count': 2}"];
    const result = await sandbox.run({ code: PROBE, tests, judge: 'split' });
    expect(result.status, result.detail).toBe('passed');
  });

  test('killing the judge process is not a pass', async () => {
    const code =
      "import os, signal\nfor p in os.listdir('/proc'):\n    if p.isdigit() and int(p) not in (1, os.getpid()):\n        os.kill(int(p), signal.SIGKILL)\ndef f():\n    return 2\n";
    const result = await sandbox.run({ ...expectOne(code), judge: 'split' });
    expect(result.status).toBe('runtime_error');
  });

  test('stopping the judge process ends as a timeout', async () => {
    const code =
      "import os, signal\nfor p in os.listdir('/proc'):\n    if p.isdigit() and int(p) not in (1, os.getpid()):\n        os.kill(int(p), signal.SIGSTOP)\ndef f():\n    return 1\n";
    const result = await sandbox.run({ ...expectOne(code), judge: 'split' });
    expect(result.status).toBe('timeout');
  });

  test('a forged frame on the reply pipe is refused as a violation', async () => {
    const code = "import os\nos.write(4, b'\\x00\\x00\\x00\\x05junk!')\ndef f():\n    return 1\n";
    const result = await sandbox.run({ ...expectOne(code), judge: 'split' });
    expect(result.status).toBe('sandbox_violation');
  });

  test('signals sent to the fork server do not take the worker down', async () => {
    const code =
      'import os, signal\nfor s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGKILL):\n    os.kill(1, s)\ndef f():\n    return 1\n';
    const attack = await sandbox.run({ ...expectOne(code), judge: 'split' });
    const next = await sandbox.run({ ...expectOne('def f():\n    return 1\n'), judge: 'split' });
    expect(attack.status).toBe('passed');
    expect(next.worker).toMatchObject({ id: attack.worker.id, caseIndex: attack.worker.caseIndex + 1 });
    expect(next.status).toBe('passed');
  });
});
