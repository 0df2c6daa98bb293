exec a.b
exec f(x)
exec a.b in g, l
exec f(x) in g, l
exec a[1] in d
exec "s" % x in d
if 1:
    exec f(x) in d
exec(f(x))
exec f(x) in d; y = 2
exec compile(s, '<s>', 'exec') in e
exec code.co in \
    ns
import app.other
