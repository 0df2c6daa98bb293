# dynamic_strings.py — __import__, importlib.import_module, and dotted string references.
# A literal dotted name is also a string fact; resolution skips it where it is a dynamic
# import's name.
import importlib
#      ^ import importlib
from importlib import import_module
#                     ^ from import_module module=importlib

mod = __import__('notifications.email')
#<- name mod
#                ^ dynamic notifications.email module=__import__ level=-1
#                ^ string notifications.email
graders = importlib.import_module('exercises.graders')
#<- name graders
#                                 ^ dynamic exercises.graders module=import_module
#                                 ^ string exercises.graders
rel = import_module('.free', 'exercises.graders')
#<- name rel
#                   ^ dynamic .free module=import_module level=1 package=exercises.graders
own = import_module('..sib', __package__)
#<- name own
#                   ^ dynamic ..sib module=import_module level=2 package=__package__
kw = import_module('.kw', package='pkg')
#<- name kw
#                  ^ dynamic .kw module=import_module level=1 package=pkg
computed = import_module(name)
#<- name computed
fstring = import_module(f'x.{y}')
#<- name fstring

ROUTES = [
#<- name ROUTES
    ('/video', 'content.handlers.VideoPage'),
#              ^ string content.handlers.VideoPage
    ("/user", u"users.handlers.Profile"),
#             ^ string users.handlers.Profile
    (r'api.Raw', f'api.Plain', rb"api.Bytes"),
#    ^ string api.Raw
#                ^ string api.Plain
#                              ^ string api.Bytes
]
not_dotted = 'hello'
#<- name not_dotted
spaced = 'a . b'
#<- name spaced
longer = "see content.models for details"
#<- name longer


def doc():
#<- function doc
    """content.models"""
    return 'api.v1.Handler' + "x.y.z"
#          ^ string api.v1.Handler
#                             ^ string x.y.z
var = import_module('.x', pkgname)
#<- name var
#                   ^ dynamic .x module=import_module level=1
legacy = __import__('a.b', globals(), locals(), ['c'])
#<- name legacy
#                   ^ dynamic a.b module=__import__ level=-1
#                   ^ string a.b
rel2 = __import__('sib', globals(), locals(), ['x'], 1)
#<- name rel2
#                 ^ dynamic sib module=__import__ level=1
rel3 = __import__('sib', fromlist=['x'], level=2)
#<- name rel3
#                 ^ dynamic sib module=__import__ level=2
loader = lambda: __import__('lazy.mod')
#<- name loader
#                           ^ dynamic lazy.mod module=__import__ level=-1 ctx=late
#                           ^ string lazy.mod
abs0 = __import__('absolute.only', level=0)
#<- name abs0
#                 ^ dynamic absolute.only module=__import__
#                 ^ string absolute.only
# nested: an outer call's run finds the inner ones (their own words are passed over); a
# lambda between them makes the inner one late
both = import_module(__import__('inner.one').name, import_module('outer.pkg'))
#<- name both
#                               ^ dynamic inner.one module=__import__ level=-1
#                               ^ string inner.one
#                                                                ^ dynamic outer.pkg module=import_module
#                                                                ^ string outer.pkg
hook = import_module(pick(lambda: import_module('deferred.mod')))
#<- name hook
#                                               ^ dynamic deferred.mod module=import_module ctx=late
#                                               ^ string deferred.mod
TABLE = {'k': ['first.a', ('second.b', {'third.c': 'fourth.d'})], 'z': "fifth.e"}
#<- name TABLE
#              ^ string first.a
#                          ^ string second.b
#                                       ^ string third.c
#                                                  ^ string fourth.d
#                                                                      ^ string fifth.e
