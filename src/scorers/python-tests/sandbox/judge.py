# Judge shim run inside the sandbox (python3 -I -S -B judge.py CPU_S AS_BYTES NPROC FSIZE NOFILE).
# Process 1: forks the judge child, reaps every process, exits with the child's status.
# Child: applies rlimits, reads the spec from stdin, runs setup + candidate + tests, and writes
# exactly one verdict line "<nonce> PASS <ms>" or "<nonce> FAIL <kind> <index> <message>" on fd 3.
# Spec on stdin: b"QEV1\n" then fields "<byte length>\n<bytes>": nonce, setup, code, tests... (setup runs after code)
import os
import sys

VFD = 3
CAND = '<candidate>'


def reap(child, cpu_s):
    os.write(VFD, b'S\n')  # started marker: the parent treats a missing marker as a harness failure
    os.close(VFD)
    os.close(0)
    while True:
        try:
            pid, status, usage = os.wait4(-1, 0)
        except ChildProcessError:
            os._exit(125)
        except InterruptedError:
            continue
        if pid != child:
            continue
        if os.WIFEXITED(status):
            os._exit(os.WEXITSTATUS(status))
        sig = os.WTERMSIG(status)
        used = usage.ru_utime + usage.ru_stime
        if sig == 24 or (sig == 9 and used >= cpu_s - 0.05):
            os._exit(124)  # CPU limit
        os._exit(128 + sig)


def set_limits(cpu_s, as_bytes, nproc, fsize, nofile):
    import resource as r
    r.setrlimit(r.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    r.setrlimit(r.RLIMIT_AS, (as_bytes, as_bytes))
    r.setrlimit(r.RLIMIT_NPROC, (nproc, nproc))
    r.setrlimit(r.RLIMIT_FSIZE, (fsize, fsize))
    r.setrlimit(r.RLIMIT_NOFILE, (nofile, nofile))
    r.setrlimit(r.RLIMIT_CORE, (0, 0))


def read_spec():
    chunks = []
    while True:
        b = os.read(0, 1 << 16)
        if not b:
            break
        chunks.append(b)
    data = b''.join(chunks)
    if not data.startswith(b'QEV1\n'):
        raise ValueError('bad spec header')
    fields, pos = [], 5
    while pos < len(data):
        nl = data.index(b'\n', pos)
        n = int(data[pos:nl])
        fields.append(data[nl + 1:nl + 1 + n].decode('utf-8'))
        pos = nl + 1 + n
    return fields


def main_child(argv):
    cpu_s, as_b, nproc, fsize, nofile = (int(x) for x in argv)
    set_limits(cpu_s, as_b, nproc, fsize, nofile)
    fields = read_spec()
    null = os.open('/dev/null', os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I drops the script dir
    from judge_core import run_spec
    run_spec(fields, VFD)


if __name__ == '__main__':
    args = sys.argv[1:6]
    child = os.fork()
    if child == 0:
        try:
            main_child(args)
        finally:
            os._exit(126)  # the judge never returns normally
    reap(child, int(args[0]))
