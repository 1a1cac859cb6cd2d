# What the fork server does once before serving: imports and first-use work that every case would
# otherwise pay for (each case starts from a copy-on-write snapshot of this state).
import json

import plain_data

# Modules candidates and tests often import.
PRELOAD = ('typing', 'collections', 'math', 're', 'itertools', 'functools', 'heapq', 'string', 'random', 'copy')
# Typical of HumanEval / MBPP code, compiled once so the compiler's first-use work is in the snapshot.
WARM_SOURCE = '''
from typing import List
import math

def candidate_%d(numbers: List[float], threshold: float) -> bool:
    for i, a in enumerate(numbers):
        for j, b in enumerate(numbers):
            if i != j and abs(a - b) < threshold:
                return True
    return math.isclose(sum(numbers), 0.0) and {'k': [1, 2.5, 'x']} != (None,)

def check(candidate):
    assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.3) == True, "message"
    assert candidate([1.0, 2.0, 5.9, 4.0, 5.0], 0.95) == True
'''


def warm_up():
    """Imports and first-use work done once here instead of in every case (and before any candidate can
    patch builtins)."""
    for name in PRELOAD:
        __import__(name)
    'x\u00e9'.encode('unicode_escape').decode('ascii')  # judge_core's verdict escaping: a lazily imported codec
    b'\xff'.decode('utf-8', 'replace')
    for i in range(20):
        namespace = {'__name__': '__main__'}
        exec(compile(WARM_SOURCE % i, '<warm-up>', 'exec'), namespace)
        namespace['check'](namespace['candidate_%d' % i])
    sample = ('ok', [1, -2 ** 70, 2.5, 'text', b'bytes', (None, True), {'k': {1, 2}}, frozenset({3})])
    plain_data.decode(plain_data.encode(sample))
    json.loads(json.dumps({'seq': 1, 'verdict': 'S\n', 'judge': None}))
