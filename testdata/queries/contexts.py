# contexts.py — the context flags of imports (late, class, try, except, if, type).
import top
#      ^ import top


def f():
#<- function f
    import late
#          ^ import late ctx=late
    if True:
        from x import y
#                     ^ from y module=x ctx=late,if


class C(object):
#<- class C bases=object
    import in_class
#          ^ import in_class ctx=class

    def m(self):
#   ^ method m parent=C
        import in_method
#              ^ import in_method ctx=late,class


try:
    import simplejson as json
#          ^ import simplejson alias=json ctx=try,importerror
except ImportError:
    import json
#          ^ import json ctx=except

try:
    import yaml
#          ^ import yaml ctx=try
except ValueError:
    pass

try:
    import one
#          ^ import one ctx=try,importerror
except (ValueError, ImportError):
    pass

try:
    import two
#          ^ import two ctx=try,importerror
except:
    pass

try:
    import three
#          ^ import three ctx=try,importerror
except Exception as e:
    pass

if TYPE_CHECKING:
    import typed
#          ^ import typed ctx=if,type
else:
    import runtime
#          ^ import runtime ctx=if

if typing.TYPE_CHECKING:
    from a import b
#                 ^ from b module=a ctx=if,type

MYPY = False
#<- name MYPY
if MYPY:
    import mypy_only
#          ^ import mypy_only ctx=if,type


def g():
#<- function g
    try:
        import deep
#              ^ import deep ctx=late,try,importerror
    except ImportError:
        deep = None
