import a.b.c.d
import a.b.c as abc
import app.util
from a.b.c import d
from a.b import c
