# Follows one case in the fork server: output tails and cap, the judge's verdict, the end of the judge
# process, the wall limit. It never interprets what the case wrote beyond counting and keeping tails.
import json
import os
import select
import signal
import time

TAIL = 4096
VERDICT_CAP = 4096
DRAIN_S = 0.5


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
    def __init__(self, h, started):
        self.h = h
        self.deadline = started + h['wallMs'] / 1000
        out_r, self.out_w = os.pipe()
        err_r, self.err_w = os.pipe()
        self.names = {out_r: 'out', err_r: 'err'}
        self.tails = {'out': bytearray(), 'err': bytearray()}
        self.open = [out_r, err_r]
        self.output = 0
        self.timed_out = self.output_limited = False
        self.problem = None
        self.verdict = bytearray()
        self.v_r = self.sock = self.pidfd = self.cand_pidfd = None
        self.started_fd = None
        self.spec_read = False
        self.judge_reply = None

    def follow_verdict_pipe(self, v_r, pidfd):
        """In-process judge: its verdict pipe, and the end of the process."""
        self.v_r, self.pidfd = v_r, pidfd
        self.open.append(v_r)

    def follow_judge(self, sock, pidfd, cand_pidfd, started_fd):
        """Split judge: its messages, its process, its "spec read" pipe, and the candidate process."""
        self.sock, self.pidfd, self.cand_pidfd, self.started_fd = sock, pidfd, cand_pidfd, started_fd

    def _take(self, fd):
        data = os.read(fd, 65536)
        if not data:
            self.open.remove(fd)
            os.close(fd)
        elif fd == self.v_r:
            self.verdict += data[:VERDICT_CAP - len(self.verdict)]
        else:
            self._keep(self.names[fd], data)

    def _keep(self, name, data):
        self.output += len(data)
        tail = self.tails[name]
        tail += data
        del tail[:-TAIL]
        if self.output > self.h['maxOutput']:
            self.output_limited = True

    def _judge_message(self):
        # Trusted: the split judge process. A closed socket shows as a dead judge on its pidfd.
        try:
            message = json.loads(self.sock.recv(1 << 16))
        except (OSError, ValueError):
            return True
        if message.get('seq') != self.h['seq']:
            return False  # cannot happen: a judge that missed a reply is killed, not reused
        self.judge_reply = message
        self._keep('err', message.get('stderr', '').encode())
        return True

    def run(self, on_candidate_exit):
        """Wait until the judge is done (or dead), the wall limit passes or the output cap is exceeded."""
        os.close(self.out_w)
        os.close(self.err_w)
        extra = [fd for fd in (self.pidfd, self.cand_pidfd) if fd is not None]
        if self.sock is not None:
            extra.append(self.sock)
        try:
            while not self.output_limited:
                left = self.deadline - time.monotonic()
                if left <= 0:
                    self.timed_out = True
                    return
                ready = select.select(self.open + extra, [], [], left)[0]
                for fd in ready:
                    if fd is self.sock:
                        if self._judge_message():
                            return
                    elif fd == self.pidfd:
                        return
                    elif fd == self.cand_pidfd:
                        extra.remove(fd)
                        on_candidate_exit()
                    else:
                        self._take(fd)
        finally:
            if self.sock is None:
                os.close(self.pidfd)  # the in-process judge's; the split judge's lives on
            if self.cand_pidfd is not None:
                os.close(self.cand_pidfd)
            if self.started_fd is not None:
                self._note_spec_read()

    def _note_spec_read(self):
        # The split judge writes one byte once it read the whole spec, before it judges.
        try:
            self.spec_read = os.read(self.started_fd, 16) == b'S'
        except BlockingIOError:
            self.spec_read = False

    def drain(self):
        # Every writer is dead now; a pipe still open here was smuggled out (e.g. in a unix socket).
        end = time.monotonic() + DRAIN_S
        while self.open:
            left = end - time.monotonic()
            ready = select.select(self.open, [], [], left)[0] if left > 0 else []
            if not ready:
                self.problem = 'a case pipe stayed open after every process was killed'
                for fd in self.open:
                    os.close(fd)
                self.open = []
                return
            for fd in ready:
                self._take(fd)

    def verdict_text(self):
        """'S\\n' once the spec was read, then the verdict line(s), as the harness parses them."""
        if self.sock is None:
            return bytes(self.verdict).decode('utf-8', 'replace')
        return ('S\n' if self.spec_read else '') + (self.judge_reply or {}).get('verdict', '')

    def judge_exit_from_reply(self):
        # The long-lived judge survives its cases: its "exit" is the verdict it reported.
        passed = ' PASS ' in self.judge_reply.get('verdict', '')
        return {'exit': 0 if passed else 1, 'signal': None, 'cpuMs': self.judge_reply.get('cpuMs', 0), 'cpuLimit': False}

    def tail(self, name):
        return bytes(self.tails[name]).decode('utf-8', 'replace')
