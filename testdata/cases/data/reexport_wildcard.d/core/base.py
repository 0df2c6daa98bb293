from google.appengine.ext import ndb
class Base(ndb.Model):
    pass
