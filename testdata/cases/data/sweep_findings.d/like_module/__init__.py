from google.appengine.ext import ndb
class b(object):
    class X(ndb.Model): pass
