# Trusted side of the split-process judge: one long-lived judge process per worker, forked from the fork
# server before it ever saw a spec, that never runs candidate code. Per case it reads the spec (nonce,
# setup, code, tests) from the harness's pipe, sends only the code to that case's candidate process (a
# fresh fork of the server) and runs the tests here, calling the candidate through proxies that send
# arguments and receive return values as plain data. Nothing the candidate does (monkeypatching, `__eq__`
# tricks, trace hooks, exits, stack walking) executes in this process.
import io
import json
import os
import resource
import socket
import sys
import time

from candidate_proxy import Channel, Stop, bind_inventory, failure, field
from judge_core import _AE, _BE, _ME, compact_traceback, describe, failing_line, format_verdict


class _Verdict(BaseException):
    """Carries the verdict line out of `judge_case`."""


def judge_case(fields, channel, seq, err):
    """Load the candidate in its process and run setup and tests here; returns the verdict line."""
    nonce, setup, code, tests = fields[0], fields[1], fields[2], fields[3:]

    def verdict(kind, index=-1, message='', exc=None, line='', remote=''):
        if exc is not None and kind != 'syntax_error':
            err.write(compact_traceback(exc) + (('In the candidate process:\n' + remote) if remote else ''))
        raise _Verdict(format_verdict(nonce, kind, index, message, line))

    try:
        try:
            reply = channel.ask(('load', seq, code))
            if reply[0] == 'syntax':
                verdict('syntax_error', -1, field(reply, 1, str))
            if reply[0] != 'loaded':
                raise failure(reply, 'before the tests')
            if field(reply, 1, int) != seq:
                raise Stop('forged_result', 'the candidate process answered for another case')
            tg = bind_inventory(channel, field(reply, 2, dict))
        except Stop as e:
            verdict(e.kind, -1, e.message)
        except _ME as e:
            verdict('memory', -1, 'MemoryError while running the candidate', e, '', getattr(e, 'remote', ''))
        except _AE as e:
            verdict('assertion', -1, 'assertion in the candidate code: %s' % describe(e), e, '', getattr(e, 'remote', ''))
        except _Verdict:
            raise
        except _BE as e:
            verdict('runtime_error', -1, describe(e), e, '', getattr(e, 'remote', ''))
        try:
            exec(compile(setup, '<setup>', 'exec'), tg)
        except Stop as e:
            verdict(e.kind, -1, e.message)
        except _BE as e:
            verdict('setup_error', -1, describe(e), e)
        started = time.perf_counter()
        for i, test in enumerate(tests):
            try:
                exec(compile(test, '<test-%d>' % i, 'exec'), tg)
            except Stop as e:
                verdict(e.kind, i, e.message, None, failing_line(e, tests, i))
            except _AE as e:
                verdict('assertion', i, describe(e), e, failing_line(e, tests, i), getattr(e, 'remote', ''))
            except _ME as e:
                verdict('memory', i, 'MemoryError in test %d' % i, e, failing_line(e, tests, i), getattr(e, 'remote', ''))
            except SystemExit as e:
                verdict('early_exit', i, 'SystemExit(%r) during test %d' % (e.code, i), e)
            except _BE as e:
                verdict('runtime_error', i, describe(e), e, failing_line(e, tests, i), getattr(e, 'remote', ''))
        verdict('PASS', -1, int((time.perf_counter() - started) * 1000))
    except _Verdict as v:
        return v.args[0]


def _set_case_limits(h):
    # This process lives across cases: its CPU limit is this case's budget on top of what it used so far.
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    for which, soft in ((resource.RLIMIT_CPU, spent + h['cpu']), (resource.RLIMIT_AS, h['as'])):
        hard = resource.getrlimit(which)[1]
        resource.setrlimit(which, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def serve(spec_fd, sock, started_fd, read_body):
    """Judge cases until the server closes `sock`. Per case the server sends the header with the two pipe
    ends to the case's candidate process; this process reads the spec from `spec_fd`, writes b"S" on
    `started_fd` (the spec was read whole), judges, and reports the verdict line and what the tests printed."""
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdin = io.StringIO('')  # fd 0 is the harness's spec pipe: a test must never read from it
    while True:
        header, fds, _, _ = socket.recv_fds(sock, 1 << 16, 2)
        if not header:
            os._exit(0)
        h = json.loads(header)
        to_c, from_c = fds
        _set_case_limits(h)
        before = resource.getrusage(resource.RUSAGE_SELF)
        fields = read_body(spec_fd, h['body'])
        os.write(started_fd, b'S')
        captured = io.StringIO()
        sys.stdout = sys.stderr = captured
        try:
            line = judge_case(fields, Channel(to_c, from_c), h['seq'], captured)
        finally:
            sys.stdout, sys.stderr = real_out, real_err
            fields = None
        after = resource.getrusage(resource.RUSAGE_SELF)
        total_ms = (after.ru_utime + after.ru_stime) * 1000
        cpu_ms = total_ms - (before.ru_utime + before.ru_stime) * 1000
        reply = {'seq': h['seq'], 'verdict': line, 'stderr': captured.getvalue()[-4096:], 'cpuMs': cpu_ms, 'cpuTotalMs': total_ms}
        sock.send(json.dumps(reply).encode())
        # Only now: the candidate process sees end of file and ends after the server has the verdict.
        os.close(to_c)
        os.close(from_c)
