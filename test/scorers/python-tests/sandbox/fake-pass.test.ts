import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JudgeMode, Sandbox, SandboxStatus } from '../../../../src/scorers/python-tests/sandbox/index.ts';
import { createHostileSandbox } from './helpers.ts';

// Every program below is wrong (f returns 2, the tests want 1) and tries to look like a pass.
const TESTS = ['assert f() == 1', 'assert abs(f() - 1) < 1e-9'];
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createHostileSandbox();
});
afterAll(() => sandbox.close());

// [name, code, status under the split judge, status in-process]
const TRICKS: Array<[string, string, SandboxStatus, SandboxStatus]> = [
  ['sys.exit(0) before the tests', 'import sys\ndef f():\n    return 2\nsys.exit(0)\n', 'failed', 'failed'],
  ['raise SystemExit(0) inside the function', 'def f():\n    raise SystemExit(0)\n', 'failed', 'failed'],
  ['os._exit(0) before the tests', 'import os\ndef f():\n    return 2\nos._exit(0)\n', 'failed', 'failed'],
  ['os._exit(0) inside the function', 'import os\ndef f():\n    os._exit(0)\n', 'failed', 'failed'],
  [
    'printing PASSED and exiting 0',
    "import os\nprint('PASSED')\nprint('all tests passed')\ndef f():\n    os._exit(0)\n",
    'failed',
    'failed',
  ],
  // Split: fd 3 of the candidate process is the read end of its own request pipe, so the write fails.
  [
    'writing a guessed verdict line on fd 3',
    "import os\nos.write(3, b'0' * 32 + b' PASS 0\\n')\ndef f():\n    os._exit(0)\n",
    'runtime_error',
    'sandbox_violation',
  ],
  [
    'replacing AssertionError',
    "import builtins\nbuiltins.AssertionError = type('Quiet', (Exception,), {})\ndef f():\n    return 2\n",
    'assertion',
    'assertion',
  ],
  [
    'an object whose __eq__ is always True',
    'class Any:\n    def __eq__(self, other):\n        return True\n    def __sub__(self, other):\n        return 0\ndef f():\n    return Any()\n',
    'sandbox_violation',
    'sandbox_violation',
  ],
  [
    'an int subclass with a lying __eq__',
    'class I(int):\n    __eq__ = lambda self, other: True\n    __sub__ = lambda self, other: 0\ndef f():\n    return I(2)\n',
    'sandbox_violation',
    'sandbox_violation',
  ],
  [
    'an always-equal object inside a list',
    'class Any:\n    def __eq__(self, other):\n        return True\ndef f():\n    return [Any()][0] if False else [Any()]\n',
    'sandbox_violation',
    'sandbox_violation',
  ],
];

const TRACER = [
  'import sys',
  'def tracer(frame, event, arg):',
  "    if frame.f_code.co_filename.startswith('<test'):",
  '        def local(frame, event, arg):',
  "            if event == 'line':",
  '                try:',
  '                    frame.f_lineno = frame.f_lineno + 1',
  '                except ValueError:',
  '                    pass',
  '            return local',
  '        return local',
  '    return None',
  'sys.settrace(tracer)',
  'def f():',
  '    return 2',
  '',
].join('\n');

describe.each(['split', 'in-process'] as const)('fake-pass tricks, %s judge', (judge: JudgeMode) => {
  test.each(TRICKS)('%s is not a pass', async (_name, code, splitStatus, inProcessStatus) => {
    const result = await sandbox.run({ code, tests: TESTS, judge });
    expect(result.status).toBe(judge === 'split' ? splitStatus : inProcessStatus);
  });

  test('a trace hook that skips assert lines is not a pass', async () => {
    const result = await sandbox.run({ code: TRACER, tests: ['assert f() == 1\nx = 0\n', 'assert f() == 1\ny = 0\n'], judge });
    expect(result.status).not.toBe('passed');
  });

  test('the same program without tricks passes, so the checks above can fail', async () => {
    const result = await sandbox.run({ code: 'def f():\n    return 1\n', tests: TESTS, judge });
    expect(result).toMatchObject({ status: 'passed', judge });
  });
});

describe('builtins replaced by the candidate', () => {
  const code = 'import builtins\nbuiltins.abs = lambda x: 0\ndef f():\n    return 1.5\n';

  test('in-process, replacing a builtin the tests use is detected', async () => {
    const result = await sandbox.run({ code, tests: ['assert abs(f() - 1) < 1e-9'], judge: 'in-process' });
    expect(result.status).toBe('sandbox_violation');
    expect(result.detail).toMatch(/builtin abs/);
  });

  test("under the split judge the replacement never reaches the tests' builtins", async () => {
    const result = await sandbox.run({ code, tests: ['assert abs(f() - 1) < 1e-9'], judge: 'split' });
    expect(result.status).toBe('assertion');
  });
});
