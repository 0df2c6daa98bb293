"""A very small JSON library with the simplejson interface.

Written in-house for the sandbox; it only implements what the app uses.
"""
from encoder import JSONEncoder
from decoder import JSONDecoder, JSONDecodeError

__version__ = '0.3-learnery'

_default_encoder = JSONEncoder()
_default_decoder = JSONDecoder()


def dumps(obj, cls=None, indent=None, sort_keys=False, separators=None,
          **kwargs):
    if cls is None and indent is None and not sort_keys and not separators:
        return _default_encoder.encode(obj)
    cls = cls or JSONEncoder
    return cls(indent=indent, sort_keys=sort_keys,
               separators=separators).encode(obj)


def loads(text, **kwargs):
    return _default_decoder.decode(text)


def dump(obj, fp, **kwargs):
    fp.write(dumps(obj, **kwargs))


def load(fp, **kwargs):
    return loads(fp.read(), **kwargs)
