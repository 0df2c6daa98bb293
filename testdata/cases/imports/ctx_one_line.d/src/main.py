def f(): import a
class K: import b
if f: import c
else: import d
try: import e
except ImportError: import f
while 0: import g
with f: import h
for x in (): import i
def g(): import j; import k
if TYPE_CHECKING: import l
import m; import n
