# Fork server: PID 1 of one long-lived bubblewrap sandbox (or a plain process in the weak mode).
# Usage: python3 -I -S -B server.py MODE WORKDIR   (MODE: bwrap | unsafe)
#
# fd 0 (from the harness): per case a header "%08d\n" + JSON, then a body only a judge process reads.
# fd 3 (to the harness): frames "<R|E> <length>\n<JSON>": R once when ready, E at the end of each case.
#
# The server never reads a spec, so every process forked from it starts from a snapshot without tests,
# expected values or nonces. Split judge: a long-lived judge process (forked once, never runs candidate
# code) reads the spec and runs the tests; per case the server forks a fresh candidate process and hands
# the judge the two pipes to it. In-process judge: per case one fresh fork reads the spec and runs
# candidate and tests together. After a case the server kills every other process of the case, empties
# the writable dirs, checks that nothing tampered with itself or the judge, and reports.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I drops the script dir

import ctypes  # noqa: E402
import gc  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402

import candidate_host  # noqa: E402
import case_cleanup  # noqa: E402
import case_process  # noqa: E402
import judge_core  # noqa: E402
from case_watch import Watch, describe_exit  # noqa: E402
from harness_pipe import CTL_IN, read_body, read_header, send  # noqa: E402
from judge_process import Judge  # noqa: E402
from warm_up import warm_up  # noqa: E402

PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 1, 4, 36


def worker_cpu_ms(judge):
    """CPU of the server, of every process it reaped so far, and of the live split judge (as it last said)."""
    t = os.times()
    return (t.user + t.system + t.children_user + t.children_system) * 1000 + (judge.cpu_ms if judge else 0)


class Server:
    def __init__(self, mode, workdir):
        self.mode, self.workdir = mode, workdir
        libc = ctypes.CDLL(None, use_errno=True)
        self.prctl = libc.prctl
        # Non-dumpable: no case process (same uid) can ptrace this one or the judge, or open their
        # /proc/<pid>/mem or fds.
        self.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        if mode == 'unsafe':
            # Outside bwrap nothing ties this process to the harness: die with it, and adopt orphans.
            self.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            self.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        self.scratch = [workdir] if mode == 'unsafe' else [workdir, '/tmp', '/dev/shm']
        self.judge = None
        self.limits = case_process.current_limits(0)
        self.scheduled = self.scheduling(0)

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

    def kill_case(self, statuses, keep):
        """Kill every process but this one and `keep`; record how each of them ended."""
        record = lambda pid, status, usage: statuses.__setitem__(pid, (status, usage))  # noqa: E731
        if self.mode == 'bwrap':
            return case_cleanup.kill_all_in_namespace(record, keep)
        return case_cleanup.kill_all_descendants(record, keep)

    def in_process_main(self, h, mapping):
        case_process.enter_case(h, mapping, self.workdir, self.prctl)
        fields = read_body(0, h['body'])
        case_process.close_spec(0)
        os.write(3, b'S\n')  # the spec was read whole: the harness treats a missing marker as its own failure
        judge_core.run_spec(fields, 3)

    def candidate_main(self, h, mapping):
        case_process.enter_case(h, mapping, self.workdir, self.prctl)
        candidate_host.serve(3, 4)

    def run_in_process(self, h, watch, statuses):
        v_r, v_w = os.pipe()
        pid = self.fork(lambda: self.in_process_main(h, {0: CTL_IN, 1: watch.out_w, 2: watch.err_w, 3: v_w}))
        os.close(v_w)
        watch.follow_verdict_pipe(v_r, os.pidfd_open(pid))
        watch.run(lambda: None)
        keep = [self.judge.pid] if self.judge else []
        problem = self.kill_case(statuses, keep)
        return pid, None, problem

    def run_split(self, h, watch, statuses):
        if self.judge is None:
            self.judge = Judge(self, h)
        judge = self.judge
        to_c_r, to_c_w = os.pipe()
        from_c_r, from_c_w = os.pipe()
        c_pid = self.fork(lambda: self.candidate_main(h, {0: None, 1: watch.out_w, 2: watch.err_w, 3: to_c_r, 4: from_c_w}))
        os.close(to_c_r)
        os.close(from_c_w)
        try:
            judge.start_case(h, to_c_w, from_c_r)
        except OSError:
            pass  # a dead judge shows on its pidfd
        os.close(to_c_w)
        os.close(from_c_r)
        watch.follow_judge(judge.sock, judge.pidfd, os.pidfd_open(c_pid), judge.started)
        # A candidate process that ended (or was killed at its CPU limit) takes its helpers with it, so the
        # judge's next read on the candidate pipe sees end of file.
        watch.run(lambda: self.kill_case(statuses, [judge.pid]))
        # A judge that did not reply may still be working on this case: it must not answer the next one.
        judge_done = watch.judge_reply is not None and not watch.timed_out and not watch.output_limited
        if watch.judge_reply is not None:
            judge.cpu_ms = watch.judge_reply.get('cpuTotalMs', judge.cpu_ms)
        problem = self.kill_case(statuses, [judge.pid] if judge_done else [])
        if not judge_done:
            judge.close()
            self.judge = None
        return judge.pid, c_pid, problem

    def run_case(self, h):
        started = time.monotonic()
        watch = Watch(h, started)
        statuses = {}
        if h['judge'] == 'split':
            j_pid, c_pid, problem = self.run_split(h, watch, statuses)
        else:
            j_pid, c_pid, problem = self.run_in_process(h, watch, statuses)
        watch.drain()
        problem = problem or watch.problem or case_cleanup.empty_dirs(self.scratch)
        if not problem and self.mode == 'bwrap':
            problem = case_cleanup.leftover_ipc()
        if not problem and self.tampered():
            problem = 'a case changed the fork server\'s limits, priority, CPU affinity or scheduling policy'
        if self.judge is not None and not self.judge.intact(statuses):
            self.judge.close()  # forked again, clean, for the next split case
            self.judge = None
        verdict = watch.verdict_text()
        if not verdict.startswith('S\n'):
            problem = 'desync'  # the judge may not have read its whole spec: fd 0 is out of step
        judge_exit = describe_exit(statuses.get(j_pid), h['cpu'])
        if judge_exit is None and watch.judge_reply is not None:
            judge_exit = watch.judge_exit_from_reply()
        return {
            'seq': h['seq'],
            'judge': judge_exit,
            'candidate': describe_exit(statuses.get(c_pid), h['cpu']) if c_pid else None,
            'verdict': verdict,
            'stdout': watch.tail('out'),
            'stderr': watch.tail('err'),
            'outputBytes': watch.output,
            'timedOut': watch.timed_out,
            'outputLimited': watch.output_limited,
            'wallMs': (time.monotonic() - started) * 1000,
            'workerCpuMs': worker_cpu_ms(self.judge),
            'anomaly': problem,
        }

    @staticmethod
    def scheduling(pid):
        """Priority, CPU affinity and scheduling policy of `pid`: a same-uid case may change all three."""
        return os.getpriority(os.PRIO_PROCESS, pid), os.sched_getaffinity(pid), os.sched_getscheduler(pid)

    def tampered(self):
        return case_process.current_limits(0) != self.limits or self.scheduling(0) != self.scheduled

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


def main():
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # PID 1 ignores signals it has no handler for; this one it has
    mode, workdir = sys.argv[1], sys.argv[2]
    warm_up()
    server = Server(mode, workdir)
    gc.freeze()  # keep the snapshot's objects out of the children's collections (fewer copied pages)
    server.serve()


if __name__ == '__main__':
    main()
