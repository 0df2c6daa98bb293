"""Evaluates the small parameter scripts that exercise authors write.

Authors write things like ``a = rand(1, 9)`` in the exercise definition;
we run them in a throwaway namespace with a seeded RNG.
"""
from exercises import util


def make_namespace(seed):
    rng = util.rng_for(seed)
    ns = {'rand': rng.randint, 'choice': rng.choice, '__builtins__': {}}
    exec "from math import sqrt, floor, ceil" in ns
    return ns


def evaluate(script, seed):
    ns = make_namespace(seed)
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        name, expr = [p.strip() for p in line.split('=', 1)]
        ns[name] = eval(expr, ns)
    return dict((k, v) for k, v in ns.iteritems()
                if not k.startswith('_') and not callable(v))
