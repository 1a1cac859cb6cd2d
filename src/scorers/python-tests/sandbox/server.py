# Fork server: PID 1 of one long-lived bubblewrap sandbox (or a plain process in the weak mode).
# Usage: python3 -I -S -B server.py MODE WORKDIR   (MODE: bwrap | unsafe)
#
# fd 0 (from the harness): per case a header "%08d\n" + JSON, then a body that only the judge reads.
# fd 3 (to the harness): frames "<R|E> <length>\n<JSON>": R once when ready, E at the end of each case.
# Per case the server forks, from its pre-imported snapshot that never holds a spec: in split mode the
# candidate process first, then the judge (which reads the body: nonce, setup, code, tests); in
# in-process mode the judge alone. It watches them (wall limit, output cap), kills every process the case
# left, empties the writable dirs and reports. It never parses anything a case wrote.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I drops the script dir

import ctypes  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import select  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402

import candidate_host  # noqa: E402
import case_cleanup  # noqa: E402
import case_process  # noqa: E402
import judge_core  # noqa: E402
import split_judge  # noqa: E402
import plain_data  # noqa: E402
from plain_data import read_exact  # noqa: E402

CTL_IN, CTL_OUT = 0, 3
TAIL = 4096
VERDICT_CAP = 4096
DRAIN_S = 0.5
PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 4, 36
# Imported once here so a case does not pay for them; each case gets its own copy-on-write snapshot.
PRELOAD = ('typing', 'collections', 'math', 're', 'itertools', 'functools', 'heapq', 'bisect', 'string',
           'hashlib', 'random', 'copy', 'operator', 'fractions', 'decimal', 'statistics', 'datetime')


# Typical of HumanEval / MBPP code, compiled once so the compiler's first-use work is in the snapshot.
WARM_SOURCE = '''
from typing import List
import math

def candidate_%d(numbers: List[float], threshold: float) -> bool:
    for i, a in enumerate(numbers):
        for j, b in enumerate(numbers):
            if i != j and abs(a - b) < threshold:
                return True
    return math.isclose(sum(numbers), 0.0) and {'k': [1, 2.5, 'x']} != (None,)

def check(candidate):
    assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.3) == True, "message"
    assert candidate([1.0, 2.0, 5.9, 4.0, 5.0], 0.95) == True
'''


def warm_up():
    """First-use work done once here instead of in every case (and before any candidate can patch builtins)."""
    'x\u00e9'.encode('unicode_escape').decode('ascii')  # judge_core's verdict escaping: a lazily imported codec
    b'\xff'.decode('utf-8', 'replace')
    for i in range(20):
        namespace = {'__name__': '__main__'}
        exec(compile(WARM_SOURCE % i, '<warm-up>', 'exec'), namespace)
        namespace['check'](namespace['candidate_%d' % i])
    sample = ('ok', [1, -2 ** 70, 2.5, 'text', b'bytes', (None, True), {'k': {1, 2}}, frozenset({3})])
    plain_data.decode(plain_data.encode(sample))
    json.loads(json.dumps({'seq': 1, 'verdict': 'S\n', 'judge': None}))


def send(kind, payload):
    data = json.dumps(payload).encode()
    view = memoryview(b'%s %d\n' % (kind, len(data)) + data)
    while view:
        view = view[os.write(CTL_OUT, view):]


def read_header():
    size = read_exact(CTL_IN, 9)
    if size is None:
        return None
    return json.loads(read_exact(CTL_IN, int(size)))


def read_body(n):
    data = read_exact(CTL_IN, n) if n else b''
    if data is None or not data.startswith(b'QEV1\n'):
        raise ValueError('bad spec')
    fields, pos = [], 5
    while pos < len(data):
        nl = data.index(b'\n', pos)
        size = int(data[pos:nl])
        fields.append(data[nl + 1:nl + 1 + size].decode('utf-8'))
        pos = nl + 1 + size
    return fields


class Server:
    def __init__(self, mode, workdir):
        self.mode, self.workdir = mode, workdir
        libc = ctypes.CDLL(None, use_errno=True)
        self.prctl = libc.prctl
        # Non-dumpable: no case process (same uid) can ptrace this one or its forks, or open their
        # /proc/<pid>/mem or fds.
        self.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        if mode == 'unsafe':
            self.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        self.scratch = [workdir] if mode == 'unsafe' else [workdir, '/tmp', '/dev/shm']

    def fork(self, main):
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                main()
            finally:
                os._exit(126)
        return pid

    def judge_main(self, h, mapping, split):
        case_process.enter_case(h, mapping, self.workdir, self.prctl, not split)
        fields = read_body(h['body'])
        null = os.open('/dev/null', os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.write(3, b'S\n')  # the spec was read whole: the harness treats a missing marker as its own failure
        if split:
            split_judge.run(fields, 4, 5, 3)
        judge_core.run_spec(fields, 3)

    def candidate_main(self, h, mapping):
        case_process.enter_case(h, mapping, self.workdir, self.prctl, True)
        candidate_host.serve(3, 4)

    def run_case(self, h):
        split = h['judge'] == 'split'
        started = time.monotonic()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        v_r, v_w = os.pipe()
        mine = [out_w, err_w, v_w]
        c_pid = None
        if split:
            to_c_r, to_c_w = os.pipe()
            from_c_r, from_c_w = os.pipe()
            mine += [to_c_r, to_c_w, from_c_r, from_c_w]
            c_pid = self.fork(lambda: self.candidate_main(h, {0: None, 1: out_w, 2: err_w, 3: to_c_r, 4: from_c_w}))
            j_map = {0: 0, 1: out_w, 2: err_w, 3: v_w, 4: to_c_w, 5: from_c_r}
        else:
            j_map = {0: 0, 1: out_w, 2: err_w, 3: v_w}
        j_pid = self.fork(lambda: self.judge_main(h, j_map, split))
        for fd in mine:
            os.close(fd)
        watch = Watch(h, out_r, err_r, v_r, os.pidfd_open(j_pid), started)
        watch.run()
        statuses = {}
        record = lambda pid, status, usage: statuses.__setitem__(pid, (status, usage))  # noqa: E731
        if self.mode == 'bwrap':
            problem = case_cleanup.kill_all_in_namespace(record)
        else:
            problem = case_cleanup.kill_all_descendants([p for p in (j_pid, c_pid) if p], record)
        watch.drain()
        problem = problem or watch.problem or case_cleanup.empty_dirs(self.scratch)
        if not problem and self.mode == 'bwrap':
            problem = case_cleanup.leftover_ipc()
        verdict = bytes(watch.verdict)
        if not verdict.startswith(b'S\n'):
            problem = 'desync'  # the judge may not have read its whole spec: fd 0 is out of step
        return {
            'seq': h['seq'],
            'judge': describe_exit(statuses.get(j_pid), h['cpu']),
            'candidate': describe_exit(statuses.get(c_pid), h['cpu']) if split else None,
            'verdict': verdict.decode('utf-8', 'replace'),
            'stdout': bytes(watch.tails[out_r]).decode('utf-8', 'replace'),
            'stderr': bytes(watch.tails[err_r]).decode('utf-8', 'replace'),
            'outputBytes': watch.output,
            'timedOut': watch.timed_out,
            'outputLimited': watch.output_limited,
            'wallMs': (time.monotonic() - started) * 1000,
            'anomaly': problem,
        }

    def serve(self):
        os.chdir('/')
        send(b'R', {'python': sys.version.split()[0], 'pid': os.getpid()})
        while True:
            h = read_header()
            if h is None:
                return
            end = self.run_case(h)
            send(b'E', end)
            if end['anomaly'] == 'desync':
                return


def describe_exit(entry, cpu_s):
    """Exit code or signal, CPU used, and whether the CPU limit ended the process."""
    if entry is None:
        return None
    status, usage = entry
    cpu = usage.ru_utime + usage.ru_stime
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    return {
        'exit': os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        'signal': sig,
        'cpuMs': cpu * 1000,
        'cpuLimit': sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu >= cpu_s - 0.05),
    }


class Watch:
    """Follows one case: output tails and cap, verdict bytes, judge exit, wall limit."""

    def __init__(self, h, out_r, err_r, v_r, pidfd, started):
        self.h, self.pidfd, self.v_r = h, pidfd, v_r
        self.deadline = started + h['wallMs'] / 1000
        self.tails = {out_r: bytearray(), err_r: bytearray()}
        self.verdict = bytearray()
        self.open = [out_r, err_r, v_r]
        self.output = 0
        self.timed_out = self.output_limited = False
        self.problem = None

    def take(self, fd):
        data = os.read(fd, 65536)
        if not data:
            self.open.remove(fd)
            os.close(fd)
        elif fd == self.v_r:
            self.verdict += data[:VERDICT_CAP - len(self.verdict)]
        else:
            self.output += len(data)
            tail = self.tails[fd]
            tail += data
            del tail[:-TAIL]
            if self.output > self.h['maxOutput']:
                self.output_limited = True

    def run(self):
        while not self.output_limited:
            left = self.deadline - time.monotonic()
            if left <= 0:
                self.timed_out = True
                break
            ready = select.select(self.open + [self.pidfd], [], [], left)[0]
            if self.pidfd in ready:
                break
            for fd in ready:
                self.take(fd)
        os.close(self.pidfd)

    def drain(self):
        # Every writer is dead now; a pipe still open here was smuggled out (e.g. in a unix socket).
        end = time.monotonic() + DRAIN_S
        while self.open:
            left = end - time.monotonic()
            ready = select.select(self.open, [], [], max(0, left))[0] if left > 0 else []
            if not ready:
                self.problem = 'a case pipe stayed open after every process was killed'
                for fd in self.open:
                    os.close(fd)
                self.open = []
                return
            for fd in ready:
                self.take(fd)


def main():
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # PID 1 ignores signals it has no handler for; this one it has
    mode, workdir = sys.argv[1], sys.argv[2]
    for name in PRELOAD:
        __import__(name)
    warm_up()
    server = Server(mode, workdir)
    gc.freeze()  # keep the snapshot's objects out of the children's collections (fewer copied pages)
    server.serve()


if __name__ == '__main__':
    main()
