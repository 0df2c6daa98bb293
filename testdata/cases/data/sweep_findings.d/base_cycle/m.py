from google.appengine.ext import ndb
class A(B, B, B, B, B, B, ndb.Model):
    x = ndb.StringProperty()
class B(A, A, A, A, A, A): pass
def f(u):
    u.x = 1
    u.put()
