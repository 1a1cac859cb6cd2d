# Candidate side of the split-process judge: runs the untrusted code in its own process and answers
# the judge's calls with plain data. Nothing here is trusted: the judge decodes every reply itself.
import builtins
import sys
import types

# Bound at import: a candidate that patches builtins in this process must not break the harness code.
from builtins import (
    callable, compile, exec, isinstance, list, repr, str, type,
)

from plain_data import Forged, NotPlain, decode, encode, read_frame, write_frame
from judge_core import CAND, compact_traceback

_BE = BaseException


def _flush():
    for s in (sys.stdout, sys.stderr):
        try:
            s.flush()
        except _BE:
            pass


def _reply(wfd, message):
    _flush()
    write_frame(wfd, encode(message))


def _raised(e):
    return ('raise', type(e).__name__, str(e)[:2000], isinstance(e, Exception), compact_traceback(e))


def _exit_code(e):
    try:
        return repr(e.code)[:200]
    except _BE:
        return '?'


def inventory(g):
    """What the tests may use from the candidate's module: callables, modules and plain values."""
    names = {}
    for name, v in list(g.items()):
        if name.startswith('__'):
            continue
        try:
            if isinstance(v, types.ModuleType):
                names[name] = ('module', str(v.__name__))
            elif callable(v):
                names[name] = ('callable',)
            else:
                encode(v)
                names[name] = ('value', v)
        except _BE as e:
            names[name] = ('opaque', type(v).__name__ if not isinstance(e, NotPlain) else str(e))
    return names


def _answer(g, message):
    _, name, args, kwargs = message
    try:
        result = g[name](*args, **kwargs)
    except SystemExit as e:
        return ('exit', _exit_code(e)), True
    except _BE as e:
        return _raised(e), False
    return ('ok', result), False


def serve(rfd, wfd):
    """Load the candidate's code sent by the judge, then answer calls until the judge closes the pipe."""
    _, seq, code = decode(read_frame(rfd))
    g = {'__name__': '__main__', '__builtins__': builtins}
    try:
        compiled = compile(code, CAND, 'exec')
    except (SyntaxError, ValueError) as e:
        return _reply(wfd, ('syntax', '%s: %s' % (type(e).__name__, e)))
    try:
        exec(compiled, g)
    except SystemExit as e:
        return _reply(wfd, ('exit', _exit_code(e)))
    except _BE as e:
        return _reply(wfd, _raised(e))
    _reply(wfd, ('loaded', seq, inventory(g)))
    while True:
        frame = read_frame(rfd)
        if frame is None:
            return
        reply, last = _answer(g, decode(frame))
        try:
            _reply(wfd, reply)
        except Forged as e:
            _reply(wfd, ('forged', str(e)))
        except NotPlain as e:
            _reply(wfd, ('not_plain', str(e)))
        except _BE as e:
            _reply(wfd, ('not_plain', 'a value that cannot be encoded (%s: %s)' % (type(e).__name__, e)))
        if last:
            return
