import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JudgeMode, Sandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';
import { createHostileSandbox } from './helpers.ts';

// One worker, so consecutive cases share its long-lived sandbox (the results' worker tags prove it).
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createHostileSandbox({ parallelism: 1 });
});
afterAll(() => sandbox.close());

// What a case can see of earlier cases. `len` may be patched, so counting uses sum().
const OBSERVE = `
import builtins, math, os, sys, time

def observe():
    seen = {}
    for name, path in (('work', '/work'), ('tmp', '/tmp'), ('shm', '/dev/shm')):
        seen[name] = sorted(os.listdir(path))
    seen['env'] = os.environ.get('POLLUTED')
    seen['builtin_len'] = len('abc')
    seen['builtin_added'] = hasattr(builtins, 'POLLUTED')
    seen['module'] = 'polluted' in sys.modules
    seen['math_pi'] = math.pi
    seen['processes'] = sum(1 for p in os.listdir('/proc') if p.isdigit())
    seen['cwd'] = os.getcwd()
    st = os.statvfs('/tmp')
    seen['tmp_free_mib'] = st.f_bavail * st.f_frsize // (1 << 20)
    return seen

def f():
    first = observe()
    time.sleep(0.2)  # a surviving daemon would write again meanwhile
    second = observe()
    return first if first == second else {'changed': [first, second]}
`;

// Leaves files in every writable dir (one unreadable), a daemon, env, patched and added builtins, a
// module, a patched stdlib attribute, a full /tmp and another cwd.
const POLLUTE = `
import builtins, math, os, sys, time, types
for path in ('/work/polluted', '/tmp/polluted', '/dev/shm/polluted', os.path.expanduser('~/home-file')):
    with open(path, 'w') as fh:
        fh.write('left behind')
os.makedirs('/work/locked/inner')
open('/work/locked/inner/file', 'w').write('x')
os.chmod('/work/locked', 0)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True:
            with open('/dev/shm/daemon-%d' % int(time.time() * 1000), 'w'):
                pass
            time.sleep(0.02)
    os._exit(0)
os.wait()
os.environ['POLLUTED'] = '1'
os.putenv('POLLUTED', '1')
builtins.len = lambda x: 42
builtins.POLLUTED = True
sys.modules['polluted'] = types.ModuleType('polluted')
math.pi = 3
try:
    for i in range(1000):  # files of 8 MiB: RLIMIT_FSIZE caps one file at 16 MiB
        with open('/tmp/fill-%d' % i, 'wb') as fh:
            for _ in range(8):
                fh.write(b'0' * (1 << 20))
except OSError:
    pass
os.chdir('/tmp')
time.sleep(0.1)
`;

// The polluter's own observation proves every step took effect inside its case.
const POLLUTED_CHECK = `seen = f()['changed'][1]
assert 'polluted' in seen['work'] and 'home-file' in seen['work'] and 'locked' in seen['work']
assert 'polluted' in seen['tmp'] and 'fill-0' in seen['tmp'] and 'polluted' in seen['shm']
assert any(n.startswith('daemon-') for n in seen['shm'])
assert seen['env'] == '1' and seen['builtin_len'] == 42 and seen['builtin_added'] and seen['module']
assert seen['math_pi'] == 3 and seen['cwd'] == '/tmp' and seen['tmp_free_mib'] == 0
`;

// Processes a case sees: the fork server, plus the judge and the candidate process (split) or the one
// judge process running the candidate (in-process).
const OWN_PROCESSES: Record<JudgeMode, number> = { split: 3, 'in-process': 2 };

const cleanCheck = (judge: JudgeMode): string => `seen = f()
assert seen == {'work': [], 'tmp': [], 'shm': [], 'env': None, 'builtin_len': 3, 'builtin_added': False, 'module': False, 'math_pi': 3.141592653589793, 'processes': ${OWN_PROCESSES[judge]}, 'cwd': '/work', 'tmp_free_mib': seen['tmp_free_mib']}, seen
assert seen['tmp_free_mib'] >= 60, seen
`;

describe.each(['split', 'in-process'] as const)('isolation between cases, %s judge', (judge) => {
  test('the next case in the same worker sees no file, daemon, env, builtin, module, full /tmp or cwd of the one before', async () => {
    const polluter = await sandbox.run({ code: POLLUTE + OBSERVE, tests: [POLLUTED_CHECK], judge });
    // In-process the tests pass, then the judge notices the patched builtin.
    if (judge === 'split') expect(polluter.status, polluter.detail + polluter.stderrTail).toBe('passed');
    else expect(polluter, polluter.stderrTail).toMatchObject({ status: 'sandbox_violation', detail: expect.stringMatching(/builtin len was replaced/) });

    const observer = await sandbox.run({ code: OBSERVE, tests: [cleanCheck(judge)], judge });
    expect(observer.worker).toEqual({ id: polluter.worker.id, caseIndex: polluter.worker.caseIndex + 1 });
    expect(observer.status, observer.detail + observer.stderrTail).toBe('passed');
  });
});
