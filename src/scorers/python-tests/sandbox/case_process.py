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


def set_limits(h):
    """Per-case rlimits, never above what the worker itself may use."""
    r = resource
    cpu = h['cpu']
    wanted = [
        (r.RLIMIT_CPU, cpu, cpu + 1),
        (r.RLIMIT_AS, h['as'], h['as']),
        (r.RLIMIT_NPROC, h['nproc'], h['nproc']),
        (r.RLIMIT_FSIZE, h['fsize'], h['fsize']),
        (r.RLIMIT_NOFILE, h['nofile'], h['nofile']),
        (r.RLIMIT_CORE, 0, 0),
        (r.RLIMIT_MSGQUEUE, 0, 0),  # no POSIX message queue can outlive the case
    ]
    for which, soft, hard in wanted:
        _, cur_hard = r.getrlimit(which)
        if cur_hard != r.RLIM_INFINITY:
            hard = min(hard, cur_hard)
            soft = min(soft, hard)
        r.setrlimit(which, (soft, hard))


def enter_case(h, mapping, workdir, prctl, runs_candidate):
    """Detach into a new session, keep only `mapping`'s fds, then apply the case's limits."""
    os.setsid()
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # Forks of the server are non-dumpable (no ptrace, no /proc/<pid>/mem or fd access by the same uid).
    # A process that runs candidate code is made ordinary again: it holds nothing the candidate may not see.
    prctl(PR_SET_DUMPABLE, 1 if runs_candidate else 0, 0, 0, 0)
    # A candidate gets a normal interpreter; a split judge must not turn a SIGINT into an exception.
    signal.signal(signal.SIGINT, signal.default_int_handler if runs_candidate else signal.SIG_IGN)
    place_fds(mapping)
    os.chdir(workdir)
    set_limits(h)
