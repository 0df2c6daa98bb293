import os
import pkg.b as bee, pkg.c
from pkg import b, c as see
from . import d
from .b import thing
from .. import nowhere
from pkg.b import (one,
                   two as deux)
from pkg.c import \
    three
from os.path import *
from __future__ import annotations
__import__('pkg.d')
importlib.import_module('.b', 'pkg')
