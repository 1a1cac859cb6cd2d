# What a forked case process does before any case code runs: its own session, only its own pipes,
# its rlimits and the case work dir. Used for the judge and for the candidate process.
import fcntl
import os
import resource
import signal

PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
_FIRST_SPARE_FD = 64
_CLOSE_UP_TO = 1 << 16


def place_fds(mapping):
    """Make `mapping` (target fd -> source fd, or None for /dev/null) the only open fds."""
    null = os.open('/dev/null', os.O_RDWR)
    moved = {}
    for target, source in mapping.items():  # move first: a target may be another entry's source
        moved[target] = fcntl.fcntl(null if source is None else source, fcntl.F_DUPFD, _FIRST_SPARE_FD)
    for target, source in moved.items():
        os.dup2(source, target)
    os.closerange(max(mapping) + 1, _CLOSE_UP_TO)


_R = resource
ALL_LIMITS = tuple(getattr(_R, name) for name in sorted(dir(_R)) if name.startswith('RLIMIT_'))
# The long-lived judge sets these soft limits itself for every case.
PER_CASE_SOFT = (_R.RLIMIT_CPU, _R.RLIMIT_AS)


def _fixed_limits(h):
    return [
        (_R.RLIMIT_NPROC, h['nproc'], h['nproc']),
        (_R.RLIMIT_FSIZE, h['fsize'], h['fsize']),
        (_R.RLIMIT_NOFILE, h['nofile'], h['nofile']),
        (_R.RLIMIT_CORE, 0, 0),
        (_R.RLIMIT_MSGQUEUE, 0, 0),  # no POSIX message queue can outlive the case
    ]


def _below(a, b):
    # a <= b for rlimit values, where RLIM_INFINITY is the largest.
    return b == _R.RLIM_INFINITY or (a != _R.RLIM_INFINITY and a <= b)


def _plan(wanted):
    """`wanted` capped by this process's hard limits (a limit can only be lowered)."""
    planned = []
    for which, soft, hard in wanted:
        cur_hard = _R.getrlimit(which)[1]
        hard = hard if _below(hard, cur_hard) else cur_hard
        planned.append((which, soft if _below(soft, hard) else hard, hard))
    return planned


def _apply(wanted):
    for which, soft, hard in _plan(wanted):
        _R.setrlimit(which, (soft, hard))


def _judge_wanted(h):
    inf = _R.RLIM_INFINITY
    return [(_R.RLIMIT_CPU, inf, inf), (_R.RLIMIT_AS, inf, inf)] + _fixed_limits(h)


def set_limits(h):
    """Per-case rlimits, never above what the worker itself may use."""
    cpu = h['cpu']
    _apply([(_R.RLIMIT_CPU, cpu, cpu + 1), (_R.RLIMIT_AS, h['as'], h['as'])] + _fixed_limits(h))


def current_limits(pid):
    """Every rlimit of `pid` (0: this process), soft and hard, except the judge's per-case soft limits."""
    return tuple((which, None if which in PER_CASE_SOFT and pid else soft, hard)
                 for which in ALL_LIMITS for soft, hard in [_R.prlimit(pid, which)])


def judge_limits(h):
    """What `current_limits(judge pid)` must show while the long-lived judge is intact."""
    planned = {which: (soft, hard) for which, soft, hard in _plan(_judge_wanted(h))}
    limits = []
    for which in ALL_LIMITS:
        soft, hard = planned.get(which) or _R.getrlimit(which)
        limits.append((which, None if which in PER_CASE_SOFT else soft, hard))
    return tuple(limits)


def close_spec(fd):
    """Replace the harness's spec pipe by /dev/null once the spec was read."""
    null = os.open('/dev/null', os.O_RDONLY)
    os.dup2(null, fd)
    os.close(null)


def enter_judge(h, mapping, workdir, prctl):
    """The long-lived split judge: own session, its fds, fixed limits (CPU and memory are set per case)."""
    os.setsid()
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    place_fds(mapping)
    os.chdir(workdir)
    _apply(_judge_wanted(h))


def enter_case(h, mapping, workdir, prctl):
    """A process that runs candidate code: new session, only `mapping`'s fds, the case's limits."""
    os.setsid()
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # Forks of the server are non-dumpable (no ptrace, no /proc/<pid>/mem or fd access by the same uid).
    # A process that runs candidate code is made ordinary again: it holds nothing the candidate may not see.
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    place_fds(mapping)
    os.chdir(workdir)
    set_limits(h)
