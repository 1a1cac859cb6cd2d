# In-process judge (candidate, setup and tests in one process) and the verdict helpers both judges use.
# Imported by server.py inside the sandbox before any case is forked.
import builtins
import os
import sys
import time

# Bound at import: a candidate that patches builtins in this process must not break the harness code.
from builtins import (
    bool, bytes, compile, complex, dict, enumerate, exec, float, frozenset, getattr, hasattr, int,
    isinstance, len, list, set, str, tuple, type,
)

CAND = '<candidate>'
_AE = AssertionError
_ME = MemoryError
_SE = SyntaxError
_BE = BaseException
_write = os.write
_exit = os._exit
# Dunders through which a returned object could fake equality or closeness.
_RISKY = frozenset('__eq__ __ne__ __lt__ __le__ __gt__ __ge__ __hash__ __bool__ __len__ __abs__ '
                   '__sub__ __rsub__ __add__ __radd__ __float__ __int__ __index__ __round__ '
                   '__iter__ __contains__ __getattr__ __getattribute__ __class__ __instancecheck__'.split())
_PLAIN = frozenset([type(None), bool, int, float, complex, str, bytes])
_SEQ = (list, tuple, set, frozenset)


class Forged(Exception):
    pass


def _esc(text):
    return str(text)[:500].encode('unicode_escape').decode('ascii').replace(' ', '\\x20') or '-'


def _from_candidate(attr):
    for f in (attr, getattr(attr, '__func__', None), getattr(attr, 'fget', None)):
        code = getattr(f, '__code__', None)
        if code is not None and code.co_filename == CAND:
            return True
    return False


def check_plain(v, depth=0):
    t = type(v)
    if t in _PLAIN:
        return
    if depth > 50:
        raise Forged('return value nested too deeply')
    if t not in (list, tuple, set, frozenset, dict):
        for klass in t.__mro__[:-1]:
            if klass.__module__ == 'builtins':
                continue
            for name, attr in klass.__dict__.items():
                if _from_candidate(attr) or (name in _RISKY and klass.__module__ == '__main__'
                                             and not hasattr(attr, '__code__')):
                    raise Forged('candidate returned a %s object with its own %s' % (t.__name__, name))
    if isinstance(v, _SEQ):
        for x in v:
            check_plain(x, depth + 1)
    elif isinstance(v, dict):
        for k, x in v.items():
            check_plain(k, depth + 1)
            check_plain(x, depth + 1)


def guard(fn):
    def guarded(*args, **kwargs):
        result = fn(*args, **kwargs)
        check_plain(result)
        return result
    guarded.__name__, guarded.__qualname__, guarded.__doc__ = fn.__name__, fn.__qualname__, fn.__doc__
    guarded.__wrapped__ = fn
    return guarded


def failing_line(exc, tests, index):
    tb, line = exc.__traceback__, None
    name = '<test-%d>' % index
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == name:
            line = tb.tb_lineno
        tb = tb.tb_next
    lines = tests[index].splitlines()
    if line is None or not 0 < line <= len(lines):
        return ''
    return lines[line - 1].strip()


def compact_traceback(exc):
    """Traceback text without importing traceback/linecache (~15 ms per failing run)."""
    frames, tb = [], exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        frames.append('  File "%s", line %d, in %s' % (code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    try:
        return 'Traceback (most recent call last):\n%s\n%s: %s\n' % ('\n'.join(frames[-8:]), type(exc).__name__, exc)
    except _BE:
        return 'Traceback: %s (unprintable)\n' % type(exc).__name__


def print_traceback(exc, stream, remote=''):
    try:
        stream.write(compact_traceback(exc) + (('In the candidate process:\n' + remote) if remote else ''))
    except _BE:
        pass


def describe(exc):
    return '%s: %s' % (type(exc).__name__, exc)


def format_verdict(nonce, kind, index=-1, message='', line=''):
    """The verdict line: "<nonce> PASS <ms>" or "<nonce> FAIL <kind> <test index> <message> <failing line>"."""
    if kind == 'PASS':
        return '%s PASS %d\n' % (nonce, message)
    return '%s FAIL %s %d %s %s\n' % (nonce, kind, index, _esc(message), _esc(line))


def make_verdict(nonce, vfd):
    """The function that writes the single verdict line and ends the judge process."""
    out, err = sys.stdout, sys.stderr

    def verdict(kind, index=-1, message='', exc=None, line='', remote=''):
        if exc is not None and kind != 'syntax_error':
            print_traceback(exc, err, remote)
        for s in (out, err):
            try:
                s.flush()
            except _BE:
                pass
        _write(vfd, format_verdict(nonce, kind, index, message, line).encode())
        _exit(0 if kind == 'PASS' else 1)
    return verdict


def tampering(snapshot):
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return 'a trace or profile hook is installed'
    now = builtins.__dict__
    for k, v in snapshot.items():
        if now.get(k, None) is not v and k != '_':
            return 'builtin %s was replaced' % k
    return None


def run_spec(fields, vfd):
    """Run candidate, setup and tests in this process (the fallback judge); never returns."""
    nonce, setup, code, tests = fields[0], fields[1], fields[2], fields[3:]
    verdict = make_verdict(nonce, vfd)
    g = {'__name__': '__main__', '__builtins__': builtins}
    snapshot = dict(builtins.__dict__)
    try:
        compiled = compile(code, CAND, 'exec')
    except (_SE, ValueError) as e:
        verdict('syntax_error', -1, describe(e), e)
    try:
        exec(compiled, g)
    except _ME as e:
        verdict('memory', -1, 'MemoryError while running the candidate', e)
    except SystemExit as e:
        verdict('early_exit', -1, 'SystemExit(%r) before the tests' % (e.code,), e)
    except _AE as e:
        verdict('assertion', -1, 'assertion in the candidate code: %s' % describe(e), e)
    except _BE as e:
        verdict('runtime_error', -1, describe(e), e)
    try:  # after the candidate: MBPP 367's setup builds trees of the candidate's Node class
        exec(compile(setup, '<setup>', 'exec'), g)
    except _BE as e:
        verdict('setup_error', -1, describe(e), e)
    tg = dict(g)
    for name, v in g.items():
        if type(v).__name__ == 'function' and getattr(v, '__code__', None) is not None \
                and v.__code__.co_filename == CAND:
            tg[name] = guard(v)
    started = time.perf_counter()
    for i, test in enumerate(tests):
        try:
            exec(compile(test, '<test-%d>' % i, 'exec'), tg)
        except Forged as e:
            verdict('forged_result', i, str(e), None)
        except _AE as e:
            verdict('assertion', i, describe(e), e, failing_line(e, tests, i))
        except _ME as e:
            verdict('memory', i, 'MemoryError in test %d' % i, e, failing_line(e, tests, i))
        except SystemExit as e:
            verdict('early_exit', i, 'SystemExit(%r) during test %d' % (e.code, i), e)
        except _BE as e:
            verdict('runtime_error', i, describe(e), e, failing_line(e, tests, i))
    problem = tampering(snapshot)
    if problem:
        verdict('tampering', len(tests) - 1, problem, None)
    verdict('PASS', -1, int((time.perf_counter() - started) * 1000))
