# -*- coding: latin-1 -*-
from __future__ import absolute_import
import os, sys as s
from . import a
from ..b import (c as d, e)
try:
    import json
except ImportError:
    import simplejson as json
if TYPE_CHECKING:
    from x import Y
def f():
    import late  # cutline: ignore[private-import] reason
    __import__("dyn")
    importlib.import_module("a.b")
    print "py2", `x`
    exec "code" in ns
class M(ndb.Model):
    name = ndb.StringProperty()
    @classmethod
    def _get_kind(cls):
        return "Kind"
def g(k):
    e = M.get_by_id(k)
    e.name = 1
    e.put()
    M.query(M.name == 1).fetch()
    ndb.put_multi([e])
    ndb.Key(M, 1).get()
    ndb.gql("SELECT * FROM Kind")
    User.objects.filter(a=1).update(b=2)
    session.add(M(a=1))
    ref = ndb.KeyProperty(kind="Kind")
