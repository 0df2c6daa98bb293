import b
def f(:
    pass
import c
