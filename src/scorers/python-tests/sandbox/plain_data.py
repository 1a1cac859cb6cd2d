# Plain-data codec of the split-process judge. The trusted judge decodes everything the candidate
# process sends with `decode`, which can only build None, bools, ints, floats, complex, str, bytes,
# bytearray, lists, tuples, sets, frozensets and dicts: no object of a candidate's class, so no
# `__eq__` trick, ever reaches the tests. Frames on the pipes: 4-byte big-endian length + payload.
import os
import struct

# Bound at import: a candidate that patches builtins in this process must not break the harness code.
from builtins import (
    bytearray, bytes, chr, complex, dict, float, frozenset, getattr, int, isinstance, len, list,
    memoryview, min, object, set, str, tuple, type,
)

MAX_FRAME = 256 << 20  # bytes; a reply larger than this is malformed
MAX_DEPTH = 200
_LEN = struct.Struct('>I')
_F64 = struct.Struct('<d')
_C128 = struct.Struct('<dd')
# Dunders a candidate class may override to fake a comparison (checked before converting a subclass).
RISKY = frozenset('__eq__ __ne__ __lt__ __le__ __gt__ __ge__ __hash__ __bool__ __len__ __abs__ '
                  '__sub__ __rsub__ __add__ __radd__ __float__ __int__ __index__ __round__ __iter__ '
                  '__contains__ __getattr__ __getattribute__ __instancecheck__'.split())


class NotPlain(Exception):
    """A value that is not plain data; the message names its type."""


class Forged(NotPlain):
    """A value of a class that overrides comparison dunders: an `__eq__`-style trick."""


class Malformed(Exception):
    """Bytes that are not a valid encoding."""


def _int_bytes(n):
    return n.to_bytes((n.bit_length() + 8) // 8, 'little', signed=True)


def _describe(v):
    t = type(v)
    mod = getattr(t, '__module__', '?')
    return t.__name__ if mod == 'builtins' else '%s.%s' % (mod, t.__name__)


def _refuse_tricks(v, stop):
    for klass in type(v).__mro__:
        if klass is stop:
            return
        if klass.__module__ not in _STDLIB_CLASSES:
            for name in klass.__dict__:
                if name in RISKY:
                    raise Forged('a %s object with its own %s' % (_describe(v), name))


_STDLIB_CLASSES = ('collections', 'enum', 'builtins')


def _base_of(v):
    # Stdlib and honest subclasses of plain types (Counter, OrderedDict, namedtuple, IntEnum) cross as
    # their base value; a class overriding a comparison dunder is refused as a trick.
    for base in (int, float, complex, str, bytes, bytearray, list, tuple, dict, frozenset, set):
        if isinstance(v, base):
            _refuse_tricks(v, base)
            return base
    _refuse_tricks(v, object)
    raise NotPlain('a value of type %s' % _describe(v))


def encode(value):
    """Encode plain data; raises NotPlain (or Forged) naming the first value that is not."""
    parts = []
    _encode(value, parts, 0)
    return b''.join(parts)


def _encode(v, out, depth):
    t = type(v)
    if v is None:
        out.append(b'N')
    elif v is True:
        out.append(b'T')
    elif v is False:
        out.append(b'F')
    elif t is int:
        raw = _int_bytes(v)
        out.append(b'i' + _LEN.pack(len(raw)) + raw)
    elif t is float:
        out.append(b'f' + _F64.pack(v))
    elif t is str:
        raw = v.encode('utf-8', 'surrogatepass')
        out.append(b's' + _LEN.pack(len(raw)) + raw)
    elif t is bytes or t is bytearray:
        out.append((b'b' if t is bytes else b'a') + _LEN.pack(len(v)) + bytes(v))
    elif t is complex:
        out.append(b'c' + _C128.pack(v.real, v.imag))
    elif t in _CONTAINERS:
        if depth >= MAX_DEPTH:
            raise NotPlain('data nested deeper than %d levels' % MAX_DEPTH)
        if t is dict:
            out.append(b'd' + _LEN.pack(len(v)))
            for k, x in v.items():
                _encode(k, out, depth + 1)
                _encode(x, out, depth + 1)
        else:
            out.append(_CONTAINERS[t] + _LEN.pack(len(v)))
            for x in v:
                _encode(x, out, depth + 1)
    else:
        base = _base_of(v)
        if base is dict:
            _encode(dict(dict.items(v)), out, depth)
        elif base in (list, tuple, set, frozenset):
            _encode(base(base.__iter__(v)), out, depth)
        elif base is str:
            _encode(str.__str__(v), out, depth)
        elif base is int:
            _encode(int.__index__(v), out, depth)
        elif base is float:
            _encode(float.__float__(v), out, depth)
        elif base is complex:
            _encode(complex(v.real, v.imag), out, depth)
        else:
            _encode(base(v), out, depth)


_CONTAINERS = {list: b'l', tuple: b't', set: b'S', frozenset: b'z', dict: b'd'}


def decode(data):
    """Decode bytes made by `encode`; builds builtin types only. Raises Malformed."""
    try:
        value, pos = _decode(memoryview(data), 0, 0)
    except (IndexError, struct.error, UnicodeDecodeError, TypeError, ValueError, RecursionError) as e:
        raise Malformed('%s: %s' % (type(e).__name__, e))
    if pos != len(data):
        raise Malformed('%d trailing bytes' % (len(data) - pos))
    return value


def _decode(buf, pos, depth):
    tag = buf[pos]
    pos += 1
    if tag == 78:  # N
        return None, pos
    if tag == 84:  # T
        return True, pos
    if tag == 70:  # F
        return False, pos
    if tag == 102:  # f
        return _F64.unpack_from(buf, pos)[0], pos + 8
    if tag == 99:  # c
        re_, im = _C128.unpack_from(buf, pos)
        return complex(re_, im), pos + 16
    (n,) = _LEN.unpack_from(buf, pos)
    pos += 4
    if tag in (105, 115, 98, 97):  # i s b a
        end = pos + n
        if end > len(buf):
            raise Malformed('truncated data')
        raw = buf[pos:end]
        if tag == 105:
            return int.from_bytes(raw, 'little', signed=True), end
        if tag == 115:
            return str(raw, 'utf-8', 'surrogatepass'), end
        return (bytes(raw) if tag == 98 else bytearray(raw)), end
    if depth >= MAX_DEPTH:
        raise Malformed('data nested deeper than %d levels' % MAX_DEPTH)
    if n > len(buf) - pos:  # every element takes at least one byte
        raise Malformed('container of %d elements in %d bytes' % (n, len(buf) - pos))
    if tag == 100:  # d
        d = {}
        for _ in range(n):
            k, pos = _decode(buf, pos, depth + 1)
            d[k], pos = _decode(buf, pos, depth + 1)
        return d, pos
    items = []
    for _ in range(n):
        x, pos = _decode(buf, pos, depth + 1)
        items.append(x)
    if tag == 108:  # l
        return items, pos
    if tag == 116:  # t
        return tuple(items), pos
    if tag == 83:  # S
        return set(items), pos
    if tag == 122:  # z
        return frozenset(items), pos
    raise Malformed('unknown tag %r' % chr(tag))


def write_frame(fd, payload):
    """Write one length-prefixed frame."""
    data = _LEN.pack(len(payload)) + payload
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def read_exact(fd, n):
    """Read exactly n bytes; returns None at end of file."""
    chunks, left = [], n
    while left:
        b = os.read(fd, min(left, 1 << 20))
        if not b:
            return None
        chunks.append(b)
        left -= len(b)
    return b''.join(chunks) if len(chunks) != 1 else chunks[0]


def read_frame(fd):
    """Read one frame; None at end of file. Raises Malformed on an oversized frame."""
    head = read_exact(fd, 4)
    if head is None:
        return None
    (n,) = _LEN.unpack(head)
    if n > MAX_FRAME:
        raise Malformed('frame of %d bytes' % n)
    if n == 0:
        return b''
    return read_exact(fd, n)
