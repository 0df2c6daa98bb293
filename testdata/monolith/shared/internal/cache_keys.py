"""Builds memcache keys so that a deploy invalidates them."""
import hashlib

from shared import config

_KEY_VERSION = 3


def versioned(name, *args):
    parts = [name, config.app_version(), `_KEY_VERSION`]
    parts.extend(unicode(a) for a in args)
    raw = u'|'.join(parts).encode('utf-8')
    if len(raw) > 200:
        return name + ':' + hashlib.sha1(raw).hexdigest()
    return raw


def for_function(fn, args, kwargs):
    bits = [fn.__module__, fn.__name__]
    bits.extend(repr(a) for a in args)
    for k, v in sorted(kwargs.iteritems()):
        bits.append('%s=%r' % (k, v))
    return versioned(*bits)
