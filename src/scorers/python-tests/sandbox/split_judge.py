# Trusted side of the split-process judge. The tests and the nonce live only in this process; the
# candidate runs in another process (forked before this case's spec was read) and is reached through
# proxies that send arguments and receive return values as plain data. Nothing the candidate does
# (monkeypatching, `__eq__` tricks, trace hooks, exits, stack walking) executes here.
import builtins
import sys
import time

from judge_core import _AE, _BE, _ME, describe, failing_line, make_verdict
from plain_data import Malformed, NotPlain, decode, encode, read_frame, write_frame


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
    module = sys.modules.get(name)
    if module is not None:
        return module
    try:
        __import__(name)
        return sys.modules.get(name)
    except _BE:
        return None


def run(fields, to_c, from_c, vfd):
    """Load the candidate in its process, run setup and tests here; never returns."""
    nonce, setup, code, tests = fields[0], fields[1], fields[2], fields[3:]
    verdict = make_verdict(nonce, vfd)
    channel = _Channel(to_c, from_c)
    try:
        reply = channel.ask(('load', code))
        if reply[0] == 'syntax':
            verdict('syntax_error', -1, _field(reply, 1, str))
        if reply[0] == 'loaded':
            tg = bind_inventory(channel, _field(reply, 1, dict))
        else:
            raise _failure(reply, 'before the tests')
    except _Stop as e:
        verdict(e.kind, -1, e.message)
    except _ME as e:
        verdict('memory', -1, 'MemoryError while running the candidate', e, '', getattr(e, 'remote', ''))
    except _AE as e:
        verdict('assertion', -1, 'assertion in the candidate code: %s' % describe(e), e, '', getattr(e, 'remote', ''))
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
