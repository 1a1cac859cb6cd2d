import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../../../src/scorers/python-tests/sandbox/index.ts';
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

// Reports the observation on stderr (the test runs in the judge process, whichever judge it is).
const REPORT = "import json, sys\nsys.stderr.write('OBS=%s\\n' % json.dumps(f()))\n";

// The observation a report case printed.
function observation(stderrTail: string): unknown {
  const line = /^OBS=(.*)$/m.exec(stderrTail)?.[1];
  return line === undefined ? undefined : JSON.parse(line);
}

describe.each(['split', 'in-process'] as const)('isolation between cases, %s judge', (judge) => {
  test('the next case in the same worker sees no file, daemon, env, builtin, module, full /tmp or cwd of the one before', async () => {
    const baseline = await sandbox.run({ code: OBSERVE, tests: [REPORT], judge });
    const polluter = await sandbox.run({ code: POLLUTE + OBSERVE, tests: [POLLUTED_CHECK], judge });
    // In-process the tests pass, then the judge notices the patched builtin.
    if (judge === 'split') expect(polluter.status, polluter.detail + polluter.stderrTail).toBe('passed');
    else
      expect(polluter, polluter.stderrTail).toMatchObject({
        status: 'sandbox_violation',
        detail: expect.stringMatching(/builtin len was replaced/),
      });

    const observer = await sandbox.run({ code: OBSERVE, tests: [REPORT], judge });
    expect([polluter.worker, observer.worker]).toMatchObject([
      { id: baseline.worker.id, caseIndex: baseline.worker.caseIndex + 1 },
      { id: baseline.worker.id, caseIndex: baseline.worker.caseIndex + 2 },
    ]);
    expect(observation(baseline.stderrTail)).toMatchObject({ work: [], tmp: [], shm: [], env: null, cwd: '/work' });
    expect(observation(observer.stderrTail)).toEqual(observation(baseline.stderrTail));
  });
});

// Sabotage of the processes that outlive a case (same uid: prlimit, renice and signals work).
const sabotage = (targets: string, limits: string): string => `
import os, resource, signal
for pid in ${targets}:
    for res, value in ${limits}:
        try:
            resource.prlimit(pid, res, (value, value))
        except (OSError, ValueError):
            pass
    for act in (lambda: os.setpriority(os.PRIO_PROCESS, pid, 19), lambda: os.kill(pid, signal.SIGSTOP)):
        try:
            act()
        except OSError:
            pass
def f():
    return 1
`;
const OTHERS_BUT_SERVER = "[int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) not in (1, os.getpid())]";
const CRIPPLING = '((resource.RLIMIT_NOFILE, 5), (resource.RLIMIT_AS, 1 << 24), (resource.RLIMIT_CPU, 1))';
// Changes that would not crash the server, so only its own check after the case can notice them.
const QUIET = '((resource.RLIMIT_CPU, 100000),)';
const HONEST = { code: 'def f(x):\n    return [x, {x: (x,)}]\n', tests: ['assert f(2) == [2, {2: (2,)}]'] };

describe('processes that outlive a case', () => {
  test.each(['split', 'in-process'] as const)(
    "a %s case that lowers the split judge's limits, renices or stops it does not change the next verdict",
    async (judge) => {
      await sandbox.run({ ...HONEST, judge: 'split' }); // the long-lived judge exists
      const attack = await sandbox.run({ code: sabotage(OTHERS_BUT_SERVER, CRIPPLING), tests: ['assert f() == 1'], judge });
      const next = await sandbox.run({ ...HONEST, judge: 'split' });
      expect(next.worker).toMatchObject({ id: attack.worker.id, caseIndex: attack.worker.caseIndex + 1 });
      expect(next.status, next.detail + next.stderrTail).toBe('passed');
    },
  );

  test("a case that changes the fork server's own limits or priority gets its worker replaced before the next case", async () => {
    const attack = await sandbox.run({ code: sabotage('[1]', QUIET), tests: ['assert f() == 1'], judge: 'in-process' });
    const next = await sandbox.run({ ...HONEST, judge: 'split' });
    expect(next.worker).toMatchObject({ caseIndex: 1 });
    expect(next.worker.id).not.toBe(attack.worker.id);
    expect(next.status, next.detail + next.stderrTail).toBe('passed');
  });
});
