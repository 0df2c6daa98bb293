import sys
print >>sys.stderr, "hello"
print "a", "b",
print
exec "x = 1" in {}
exec "x = 2"
y = `sys`
z = 0777L + 10L + 0xFFL
w = 0777
if 1 <> 2:
    pass
s = ur'raw unicode'
t = UR"raw" + u'pkg' + b'bytes'
try:
    import a
except ImportError, e:
    raise ValueError, "msg"
def f((p, q), r):
    return p
g = lambda (m, n): m
class Old:
    def __cmp__(self, other):
        return cmp(1, 2)
