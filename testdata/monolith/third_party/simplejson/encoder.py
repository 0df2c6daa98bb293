"""Encoder half of the vendored simplejson stub."""

_ESCAPES = {
    '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t',
}


def _quote(s):
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append('\\u%04x' % ord(ch))
        else:
            out.append(ch)
    return u'"' + u''.join(out) + u'"'


class JSONEncoder(object):
    def __init__(self, indent=None, sort_keys=False, separators=None):
        self.indent = indent
        self.sort_keys = sort_keys
        self.item_sep, self.key_sep = separators or (', ', ': ')

    def default(self, o):
        raise TypeError('%r is not JSON serializable' % (o,))

    def encode(self, o):
        if o is None:
            return 'null'
        if o is True:
            return 'true'
        if o is False:
            return 'false'
        if isinstance(o, basestring):
            return _quote(o)
        if isinstance(o, (int, long, float)):
            return repr(o)
        if isinstance(o, dict):
            items = o.items()
            if self.sort_keys:
                items.sort()
            return '{' + self.item_sep.join(
                _quote(unicode(k)) + self.key_sep + self.encode(v)
                for k, v in items) + '}'
        if isinstance(o, (list, tuple)):
            return '[' + self.item_sep.join(self.encode(v) for v in o) + ']'
        return self.encode(self.default(o))
