# definitions.py — classes with bases as written, functions, methods, module names, __all__.
from google.appengine.ext import ndb as _ndb
#                                ^ from ndb module=google.appengine.ext alias=_ndb

__all__ = ['Video', "helper"]
#<- name __all__
#          ^ all Video
#                   ^ all helper
__all__ += ('Extra',)
#           ^ all Extra

VERSION = 3
#<- name VERSION
a, b = 1, 2
#<- name a
#  ^ name b
(c, d) = 3, 4
#^ name c
#   ^ name d


class Video(_ndb.Model):
#<- class Video bases=_ndb.Model
    title = _ndb.StringProperty()

    @classmethod
    def _get_kind(cls):
#   ^ method _get_kind parent=Video
        return 'YouTubeVideo'

    class Meta:
#   ^ class Meta parent=Video
        def inner(self):
#       ^ method inner parent=Video.Meta
            pass


class Mixed(Base, \
#<- class Mixed bases=Base, Mixin, metaclass=Meta
            Mixin,
            metaclass=Meta):
    pass


@decorator
def helper(x=lambda: 1):
#<- function helper
    def nested():
#   ^ function nested parent=helper
        local = 1
        return local
    return nested


class Bare:
#<- class Bare
    pass


try:
    import json
#          ^ import json ctx=try,importerror
except ImportError:
    json = None
#   ^ name json
if VERSION > 2:
    FLAG = 1
#   ^ name FLAG
else:
    FLAG = 0
#   ^ name FLAG
