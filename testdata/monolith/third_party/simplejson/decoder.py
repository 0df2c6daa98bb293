"""Decoder half of the vendored simplejson stub.

Delegates the actual parsing to the runtime's json module, which is
available on python27; the point is the stable exception type.
"""
import json as _stdlib_json


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc=None, pos=0):
        ValueError.__init__(self, msg)
        self.doc = doc
        self.pos = pos


class JSONDecoder(object):
    def __init__(self, object_hook=None):
        self.object_hook = object_hook

    def decode(self, text):
        try:
            return _stdlib_json.loads(text, object_hook=self.object_hook)
        except ValueError, e:
            raise JSONDecodeError(str(e), text)
