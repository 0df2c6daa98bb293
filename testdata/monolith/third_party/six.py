"""Tiny Python 2/3 compatibility shim (in-house, a small subset of the
well-known library of the same name)."""
import sys

PY2 = sys.version_info[0] == 2
PY3 = not PY2

if PY2:
    string_types = (basestring,)
    text_type = unicode
    binary_type = str
    integer_types = (int, long)

    def iteritems(d):
        return d.iteritems()

    def itervalues(d):
        return d.itervalues()
else:  # pragma: no cover
    string_types = (str,)
    text_type = str
    binary_type = bytes
    integer_types = (int,)

    def iteritems(d):
        return iter(d.items())

    def itervalues(d):
        return iter(d.values())


def ensure_text(value, encoding='utf-8'):
    if isinstance(value, binary_type):
        return value.decode(encoding)
    return value


def with_metaclass(meta, base=object):
    return meta('_WithMetaBase', (base,), {})
