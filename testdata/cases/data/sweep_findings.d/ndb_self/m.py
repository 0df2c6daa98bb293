from google.appengine.ext import ndb
ndb = ndb
class M(ndb.Model): pass
