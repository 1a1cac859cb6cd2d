# The fork server's handle on the long-lived split judge process.
import json
import os
import select
import signal
import socket

import case_process
import split_judge
from harness_pipe import CTL_IN, read_body


class Judge:
    """The long-lived split judge: forked from the server before it saw any spec; never runs candidate code."""

    def __init__(self, server, h):
        self.server = server
        here, there = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # One byte per case once the spec is read; read at the end of the case, never waited on.
        self.started, started_w = os.pipe()
        os.set_blocking(self.started, False)
        self.pid = server.fork(lambda: self.main(h, there.detach(), started_w))
        there.close()
        os.close(started_w)
        self.sock = here
        self.pidfd = os.pidfd_open(self.pid)
        self.limits = case_process.judge_limits(h)
        self.cpu_ms = 0.0  # its own CPU so far, as it reports with each verdict (a live child is not in os.times())

    def main(self, h, sock_fd, started_w):
        mapping = {0: CTL_IN, 1: None, 2: 2, 3: sock_fd, 4: started_w}
        case_process.enter_judge(h, mapping, self.server.workdir, self.server.prctl)
        split_judge.serve(CTL_IN, socket.socket(fileno=3), 4, read_body)

    def start_case(self, h, to_c_w, from_c_r):
        header = json.dumps({'seq': h['seq'], 'body': h['body'], 'cpu': h['cpu'], 'as': h['as']}).encode()
        socket.send_fds(self.sock, [header], [to_c_w, from_c_r])

    def intact(self, statuses):
        """False when the judge died, or a case changed its limits or scheduling (a stop is undone)."""
        if self.pid in statuses or select.select([self.pidfd], [], [], 0)[0]:
            return False
        try:
            os.kill(self.pid, signal.SIGCONT)
            return (case_process.current_limits(self.pid) == self.limits
                    and self.server.scheduling(self.pid) == self.server.scheduled)
        except OSError:
            return False

    def close(self):
        """Kill and reap the judge (a no-op for one already reaped)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (OSError, ChildProcessError):
            pass
        self.sock.close()
        os.close(self.pidfd)
        os.close(self.started)
