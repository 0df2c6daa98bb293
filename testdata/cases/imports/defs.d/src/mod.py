__all__ = ['Base', "helper"]
__all__ += ('Child',)
X = 1
a, b = 1, 2
(c, d) = 3, 4
e: int = 5
class Base(object):
    attr = 1
    def method(self):
        def inner():
            pass
    class Nested:
        def deep(self): pass
class Child(Base, metaclass=abc.ABCMeta):
    @property
    def prop(self): pass
    async def amethod(self): pass
class Multi(
        Base,   # comment
        \
        object):
    pass
def helper():
    class Local: pass
@decorator
def decorated(): pass
if True:
    CONDITIONAL = 1
    def conditional(): pass
