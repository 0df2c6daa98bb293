import os
import pkg.a
def broken(:
    pass
import pkg.b
class Ok:
    def m(self):
        from pkg import c
x = = 1
