# dynamic_strings.py — __import__, importlib.import_module, and dotted string references.
# A literal dotted name is also a string fact; resolution skips it where it is a dynamic
# import's name.
import importlib
#      ^ import importlib
from importlib import import_module
#                     ^ from import_module module=importlib

mod = __import__('notifications.email')
#<- name mod
#                ^ dynamic notifications.email
#                ^ string notifications.email
graders = importlib.import_module('exercises.graders')
#<- name graders
#                                 ^ dynamic exercises.graders
#                                 ^ string exercises.graders
rel = import_module('.free', 'exercises.graders')
#<- name rel
#                   ^ dynamic .free level=1 package=exercises.graders
#                            ^ string exercises.graders
own = import_module('..sib', __package__)
#<- name own
#                   ^ dynamic ..sib level=2 package=__package__
kw = import_module('.kw', package='pkg')
#<- name kw
#                  ^ dynamic .kw level=1 package=pkg
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
#                   ^ dynamic .x level=1
legacy = __import__('a.b', globals(), locals(), ['c'])
#<- name legacy
#                   ^ dynamic a.b
#                   ^ string a.b
