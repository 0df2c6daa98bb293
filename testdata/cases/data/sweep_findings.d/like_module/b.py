from google.appengine.ext import ndb
class X(ndb.Model): pass
X().put()
