import a.b.c.d
import a.b
