# The tests' view of the candidate under the split-process judge: proxies that call the candidate
# process with plain data, and the strict reading of its replies. Runs in the trusted judge process.
import builtins
import sys

from judge_core import _BE
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


class Stop(BaseException):
    """Ends the tests with a verdict; a BaseException so `except Exception` in a test cannot swallow it."""

    def __init__(self, kind, message, remote=''):
        super().__init__(message)
        self.kind, self.message, self.remote = kind, message, remote


def rebuild(type_name, message, is_exception):
    """The exception a test sees for one the candidate raised."""
    # A builtin exception type is raised as itself so tests that expect ValueError & co. keep working.
    cls = getattr(builtins, type_name, None)
    if is_exception and isinstance(cls, type) and issubclass(cls, Exception):
        try:
            return cls(message)
        except _BE:
            pass
    if is_exception:
        return CandidateError('%s: %s' % (type_name, message))
    return Stop('runtime_error', 'the candidate raised %s: %s' % (type_name, message))


class Channel:
    """The pipes to the candidate process, with strict decoding of every reply."""

    def __init__(self, to_c, from_c):
        self.to_c, self.from_c = to_c, from_c

    def ask(self, message, payload=None):
        """Send `message` (or its encoding `payload`) and return the decoded, shape-checked reply."""
        try:
            write_frame(self.to_c, encode(message) if payload is None else payload)
            frame = read_frame(self.from_c)
        except (BrokenPipeError, ConnectionError):
            frame = None
        except Malformed as e:
            raise Stop('forged_result', 'malformed reply from the candidate process: %s' % e)
        if frame is None:
            raise Stop('candidate_gone', 'the candidate process ended')
        try:
            reply = decode(frame)
        except Malformed as e:
            raise Stop('forged_result', 'malformed reply from the candidate process: %s' % e)
        if type(reply) is not tuple or not reply or type(reply[0]) is not str:
            raise Stop('forged_result', 'malformed reply from the candidate process')
        return reply


def field(reply, i, kind):
    """Field `i` of a reply, which must be of type `kind`."""
    v = reply[i] if len(reply) > i else None
    if type(v) is not kind:
        raise Stop('forged_result', 'malformed %r reply from the candidate process' % reply[0])
    return v


def failure(reply, where):
    """Turn a non-`ok` reply into the exception a test sees (or a verdict-ending stop)."""
    kind = reply[0]
    if kind == 'raise':
        exc = rebuild(field(reply, 1, str), field(reply, 2, str), field(reply, 3, bool))
        exc.remote = reply[4] if len(reply) > 4 and type(reply[4]) is str else ''
        return exc
    if kind == 'exit':
        return Stop('early_exit', 'SystemExit(%s) %s' % (field(reply, 1, str), where))
    if kind == 'not_plain':
        return Stop('not_plain', '%s returned %s; the split-process judge accepts plain data only'
                     % (where, field(reply, 1, str)))
    if kind == 'forged':
        return Stop('forged_result', 'candidate returned %s' % field(reply, 1, str))
    return Stop('forged_result', 'unexpected %r reply from the candidate process' % kind)


def make_proxy(channel, name):
    """A function the tests call in place of the candidate's `name`."""
    def proxy(*args, **kwargs):
        message = ('call', name, args, kwargs)
        try:
            payload = encode(message)
        except NotPlain as e:
            raise Stop('unsupported', 'the test passed %s to %s(); the split-process judge sends plain data '
                        'only: judge this problem in-process' % (e, name))
        reply = channel.ask(message, payload)
        if reply[0] == 'ok' and len(reply) == 2:
            return reply[1]
        raise failure(reply, 'the call %s()' % name)
    proxy.__name__ = proxy.__qualname__ = name
    return proxy


class Opaque:
    """Stands for a candidate global that is neither callable, a module nor plain data."""

    def __init__(self, name, what):
        self._why = 'the test used the candidate\'s %s (%s), which cannot cross the split-process judge' % (name, what)

    def __getattr__(self, _):
        raise Stop('unsupported', self._why)

    def __call__(self, *args, **kwargs):
        raise Stop('unsupported', self._why)


def bind_inventory(channel, names):
    """The tests' globals: proxies for the candidate's callables, this process's own modules."""
    tg = {'__name__': '__main__', '__builtins__': builtins}
    if type(names) is not dict:
        raise Stop('forged_result', 'malformed inventory from the candidate process')
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
