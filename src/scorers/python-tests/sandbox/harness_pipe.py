# The fork server's pipes to the harness: case headers in on fd 0 (the spec body that follows is read by a
# judge process, never by the server), frames out on fd 3.
import json
import os

from plain_data import read_exact

CTL_IN, CTL_OUT = 0, 3


def send(kind, payload):
    data = json.dumps(payload).encode()
    view = memoryview(b'%s %d\n' % (kind, len(data)) + data)
    while view:
        view = view[os.write(CTL_OUT, view):]


def read_header():
    size = read_exact(CTL_IN, 9)
    if size is None:
        return None
    return json.loads(read_exact(CTL_IN, int(size)))


def read_body(fd, n):
    """The spec: b"QEV1\\n" then "<byte length>\\n<bytes>" per field (nonce, setup, code, tests...)."""
    data = read_exact(fd, n) if n else b''
    if data is None or not data.startswith(b'QEV1\n'):
        raise ValueError('bad spec')
    fields, pos = [], 5
    while pos < len(data):
        nl = data.index(b'\n', pos)
        size = int(data[pos:nl])
        fields.append(data[nl + 1:nl + 1 + size].decode('utf-8'))
        pos = nl + 1 + size
    return fields
