from typing import TYPE_CHECKING
def f():
    try:
        import a
    except ImportError:
        import b
class K:
    if TYPE_CHECKING:
        import c
    try:
        from d import x
    except ValueError:
        pass
try:
    def g():
        import e
except ImportError:
    pass
if K:
    try:
        import f
    except ImportError:
        def h():
            import g
try:
    try:
        import h
    except ValueError:
        pass
except ImportError:
    pass
