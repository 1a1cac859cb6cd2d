# Trusted side of the split-process judge: one long-lived judge process per worker, forked from the fork
# server before it ever saw a spec, that never runs candidate code. Per case it reads the spec (nonce,
# setup, code, tests) from the harness's pipe, sends only the code to that case's candidate process (a
# fresh fork of the server) and runs the tests here, calling the candidate through proxies that send
# arguments and receive return values as plain data. Nothing the candidate does (monkeypatching, `__eq__`
# tricks, trace hooks, exits, stack walking) executes in this process.
import builtins
import io
import json
import os
import resource
import socket
import sys
import time

from judge_core import _AE, _BE, _ME, compact_traceback, describe, failing_line, format_verdict
from plain_data import Malformed, NotPlain, decode, encode, read_frame, write_frame

# Modules the tests may get under a name the candidate imported them as: the judge's own copies, from
# the read-only standard library. Others are not imported here (import side effects would persist in
# this long-lived process).
IMPORTABLE = frozenset(
    'array bisect calendar cmath collections copy dataclasses datetime decimal enum fractions functools hashlib '
    'heapq itertools json math numbers operator os random re statistics string struct sys textwrap time typing '
    'unicodedata'.split())


class CandidateError(Exception):
    """An exception of the candidate that is not a builtin exception class."""


class _Stop(BaseException):
    """Ends the tests with a verdict; a BaseException so `except Exception` in a test cannot swallow it."""

    def __init__(self, kind, message, remote=''):
        super().__init__(message)
        self.kind, self.message, self.remote = kind, message, remote


_REBUILT = {}


def _rebuild(type_name, message, is_exception):
    # A builtin exception type is raised as itself so tests that expect ValueError & co. keep working.
    cls = getattr(builtins, type_name, None)
    if is_exception and isinstance(cls, type) and issubclass(cls, Exception):
        try:
            return cls(message)
        except _BE:
            pass
    if is_exception:
        return CandidateError('%s: %s' % (type_name, message))
    return _Stop('runtime_error', 'the candidate raised %s: %s' % (type_name, message))


class _Channel:
    """The pipes to the candidate process, with strict decoding of every reply."""

    def __init__(self, to_c, from_c):
        self.to_c, self.from_c = to_c, from_c

    def ask(self, message):
        try:
            write_frame(self.to_c, encode(message))
            frame = read_frame(self.from_c)
        except (BrokenPipeError, ConnectionError):
            frame = None
        except Malformed as e:
            raise _Stop('forged_result', 'malformed reply from the candidate process: %s' % e)
        if frame is None:
            raise _Stop('candidate_gone', 'the candidate process ended')
        try:
            reply = decode(frame)
        except Malformed as e:
            raise _Stop('forged_result', 'malformed reply from the candidate process: %s' % e)
        if type(reply) is not tuple or not reply or type(reply[0]) is not str:
            raise _Stop('forged_result', 'malformed reply from the candidate process')
        return reply


def _field(reply, i, kind):
    v = reply[i] if len(reply) > i else None
    if type(v) is not kind:
        raise _Stop('forged_result', 'malformed %r reply from the candidate process' % reply[0])
    return v


def _failure(reply, where):
    """Turn a non-`ok` reply into the exception a test sees (or a verdict-ending stop)."""
    kind = reply[0]
    if kind == 'raise':
        exc = _rebuild(_field(reply, 1, str), _field(reply, 2, str), _field(reply, 3, bool))
        exc.remote = reply[4] if len(reply) > 4 and type(reply[4]) is str else ''
        return exc
    if kind == 'exit':
        return _Stop('early_exit', 'SystemExit(%s) %s' % (_field(reply, 1, str), where))
    if kind == 'not_plain':
        return _Stop('not_plain', '%s returned %s; the split-process judge accepts plain data only'
                     % (where, _field(reply, 1, str)))
    if kind == 'forged':
        return _Stop('forged_result', 'candidate returned %s' % _field(reply, 1, str))
    return _Stop('forged_result', 'unexpected %r reply from the candidate process' % kind)


def make_proxy(channel, name):
    """A function the tests call in place of the candidate's `name`."""
    def proxy(*args, **kwargs):
        try:
            message = ('call', name, args, kwargs)
            encode(message)
        except NotPlain as e:
            raise _Stop('unsupported', 'the test passed %s to %s(); the split-process judge sends plain data '
                        'only: judge this problem in-process' % (e, name))
        reply = channel.ask(message)
        if reply[0] == 'ok' and len(reply) == 2:
            return reply[1]
        raise _failure(reply, 'the call %s()' % name)
    proxy.__name__ = proxy.__qualname__ = name
    return proxy


class Opaque:
    """Stands for a candidate global that is neither callable, a module nor plain data."""

    def __init__(self, name, what):
        self._why = 'the test used the candidate\'s %s (%s), which cannot cross the split-process judge' % (name, what)

    def __getattr__(self, _):
        raise _Stop('unsupported', self._why)

    def __call__(self, *args, **kwargs):
        raise _Stop('unsupported', self._why)


def bind_inventory(channel, names):
    """The tests' globals: proxies for the candidate's callables, this process's own modules."""
    tg = {'__name__': '__main__', '__builtins__': builtins}
    if type(names) is not dict:
        raise _Stop('forged_result', 'malformed inventory from the candidate process')
    for name, entry in names.items():
        if type(name) is not str or type(entry) is not tuple or not entry:
            continue
        kind = entry[0]
        if kind == 'callable':
            tg[name] = make_proxy(channel, name)
        elif kind == 'value' and len(entry) == 2:
            tg[name] = entry[1]
        elif kind == 'module' and len(entry) == 2 and type(entry[1]) is str:
            module = _import(entry[1])
            if module is not None:
                tg[name] = module
        elif kind == 'opaque':
            tg[name] = Opaque(name, str(entry[1]) if len(entry) > 1 else 'an object')
    return tg


def _import(name):
    # The judge's own copy of a module the candidate imported (tests often rely on the candidate's imports).
    if name not in IMPORTABLE:
        return None
    try:
        __import__(name)
        return sys.modules.get(name)
    except _BE:
        return None


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
                verdict('syntax_error', -1, _field(reply, 1, str))
            if reply[0] != 'loaded':
                raise _failure(reply, 'before the tests')
            if _field(reply, 1, int) != seq:
                raise _Stop('forged_result', 'the candidate process answered for another case')
            tg = bind_inventory(channel, _field(reply, 2, dict))
        except _Stop as e:
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
        except _Stop as e:
            verdict(e.kind, -1, e.message)
        except _BE as e:
            verdict('setup_error', -1, describe(e), e)
        started = time.perf_counter()
        for i, test in enumerate(tests):
            try:
                exec(compile(test, '<test-%d>' % i, 'exec'), tg)
            except _Stop as e:
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


def _drain(fd):
    # Replies a killed candidate process left in the pipe must not answer the next case's calls.
    os.set_blocking(fd, False)
    try:
        while os.read(fd, 1 << 16):
            pass
    except BlockingIOError:
        pass
    finally:
        os.set_blocking(fd, True)


def _send(fd, message):
    write_frame(fd, json.dumps(message).encode())


def _set_case_limits(h):
    # This process lives across cases: its CPU limit is this case's budget on top of what it used so far.
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    for which, soft in ((resource.RLIMIT_CPU, spent + h['cpu']), (resource.RLIMIT_AS, h['as'])):
        hard = resource.getrlimit(which)[1]
        resource.setrlimit(which, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def serve(spec_fd, sock, read_body):
    """Judge cases until the server closes `sock`. Per case the server sends the header with the two pipe
    ends to the case's candidate process; this process reads the spec from `spec_fd`, reports "started",
    judges, and reports the verdict line and what the tests printed."""
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
        sock.send(json.dumps({'seq': h['seq'], 'started': True}).encode())
        captured = io.StringIO()
        sys.stdout = sys.stderr = captured
        try:
            line = judge_case(fields, _Channel(to_c, from_c), h['seq'], captured)
        finally:
            sys.stdout, sys.stderr = real_out, real_err
            fields = None
            os.close(to_c)
            os.close(from_c)
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu_ms = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
        sock.send(json.dumps({'seq': h['seq'], 'verdict': line, 'stderr': captured.getvalue()[-4096:], 'cpuMs': cpu_ms}).encode())
