import pkg.b, \
    pkg.c as \
    see
from pkg import (  # a comment after the paren
    b,         # first
    # a comment line inside
    c as cee,  # aliased
    d,         # trailing comma next
)
from \
    pkg.b \
    import \
    x as ex
import pkg . d
from pkg.c import (y)
