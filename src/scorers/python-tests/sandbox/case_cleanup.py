# After each case: kill every process the case left, reap them, empty the writable dirs, and report
# anything that survived (the worker is then recycled).
import os
import select
import signal
import stat
import time

KILL_DEADLINE_S = 3.0


def _wait_for_any(pids, timeout):
    """Block until one of `pids` ends (or `timeout` passes): no busy loop while a killed process dies."""
    pidfds = []
    for pid in pids[:8]:
        try:
            pidfds.append(os.pidfd_open(pid))
        except OSError:
            return  # already gone: nothing to wait for
    try:
        select.select(pidfds, [], [], timeout)
    finally:
        for fd in pidfds:
            os.close(fd)


def _settle(pids, record, started):
    """Reap whatever ended; True when `pids` (still to kill) is empty, a problem string on a stuck kill."""
    reaped = False
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if not pid:
            break
        record(pid, status, usage)
        reaped = True
    if not pids:
        return True
    if not reaped:
        if time.monotonic() - started > KILL_DEADLINE_S:
            return 'processes survived SIGKILL for %.0f s' % KILL_DEADLINE_S
        _wait_for_any(pids, 0.05)
    return False


def kill_all_in_namespace(record, keep=()):
    """PID 1 of the sandbox: SIGKILL every other process of the pid namespace but `keep`, until none is
    left (zombies included: they are reaped)."""
    spared = {1, *keep}
    started = time.monotonic()
    while True:
        pids = [pid for pid in (int(n) for n in os.listdir('/proc') if n.isdigit()) if pid not in spared]
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        done = _settle(pids, record, started)
        if done is not False:
            return None if done is True else done


def _children_of(pid):
    kids = []
    for name in os.listdir('/proc'):
        if not name.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % name, 'rb') as fh:
                fields = fh.read().rsplit(b')', 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(name))
    return kids


def kill_all_descendants(record, keep=()):
    """Weak mode (not PID 1, a subreaper): SIGKILL every descendant but `keep`; orphans come to us."""
    me = os.getpid()
    started = time.monotonic()
    while True:
        pids = [pid for pid in _children_of(me) if pid not in keep]
        for pid in pids:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        done = _settle(pids, record, started)
        if done is not False:
            return None if done is True else done


def _wipe(path):
    left = 0
    with os.scandir(path) as entries:
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    os.chmod(entry.path, stat.S_IRWXU)  # a case may have made a dir unreadable
                    left += _wipe(entry.path)
                    os.rmdir(entry.path)
                else:
                    os.unlink(entry.path)
            except OSError:
                left += 1
    return left


def empty_dirs(paths):
    """Delete everything under each path; returns a problem description or None."""
    for path in paths:
        try:
            os.chmod(path, stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
            left = _wipe(path)
            if left or os.listdir(path):
                return 'could not empty %s' % path
        except OSError as e:
            return 'could not empty %s: %s' % (path, e)
    return None


def leftover_ipc():
    """SysV IPC objects outlive processes: any left in the sandbox's ipc namespace is an anomaly."""
    for kind in ('shm', 'sem', 'msg'):
        try:
            with open('/proc/sysvipc/' + kind, 'rb') as fh:
                if len(fh.read().splitlines()) > 1:
                    return 'a System V %s object outlived the case' % kind
        except OSError:
            continue
    return None
