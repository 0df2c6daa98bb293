"""Minimal stand-in for the typing module on the Python 2.7 runtime.

Only enough for ``if TYPE_CHECKING:`` blocks and type comments to import.
"""

TYPE_CHECKING = False


class _Placeholder(object):
    def __init__(self, name):
        self._name = name

    def __getitem__(self, params):
        return self

    def __repr__(self):
        return 'typing.%s' % self._name


Any = _Placeholder('Any')
List = _Placeholder('List')
Dict = _Placeholder('Dict')
Optional = _Placeholder('Optional')
Tuple = _Placeholder('Tuple')
Iterable = _Placeholder('Iterable')


def cast(typ, value):
    return value
