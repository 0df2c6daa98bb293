import pkg.a
from pkg import (
    a,
    b)
import pkg.a, \
    pkg.b
def f():
    import pkg.b
class K(pkg.a.X,
        pkg.b.Y):
    pass
