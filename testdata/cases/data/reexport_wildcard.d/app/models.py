import core
from core.star import Base as StarBase
class A(core.Base):
    x = 1
class B(StarBase):
    pass
def f():
    for a in A.query():
        a.x = 2
        a.put()
    items = []
    items.append(B())
    return items
