# imports.py — every import statement form (annotations: see analyzer/extract_test.c).
import os
#      ^ import os
import a.b.c as d, e
#      ^ import a.b.c alias=d
#                  ^ import e
from . import x
#             ^ from x level=1
from ..pkg import y as z
#                 ^ from y module=pkg level=2 alias=z
from ... import *
#               ^ from * level=3
from a.b import (one,
#                ^ from one module=a.b
                 two as deux,  # a comment inside
#                ^ from two module=a.b alias=deux
                 )
from a \
    . b import three
#              ^ from three module=a.b
import \
    a.b as ab
#   ^ import a.b alias=ab
from __future__ import absolute_import, print_function as pf
#                      ^ future absolute_import
#                                       ^ future print_function alias=pf
from     .  mod   import   (q)
#                           ^ from q module=mod level=1
