"""Small collection helpers for progress computations.

(Yes, the name shadows the standard library module for siblings that do
not use absolute_import.  It has been like this since 2011.)
"""


def tally(items, key=None):
    counts = {}
    for item in items:
        k = key(item) if key else item
        counts[k] = counts.get(k, 0) + 1
    return counts


def group_by(items, key):
    groups = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def top_n(counts, n):
    ranked = sorted(counts.iteritems(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:n]


class LastN(object):
    """Keeps the last n items appended."""

    def __init__(self, n):
        self.n = n
        self.items = []

    def append(self, item):
        self.items.append(item)
        if len(self.items) > self.n:
            del self.items[0]

    def __len__(self):
        return len(self.items)
