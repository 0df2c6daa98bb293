from google.appengine.ext import ndb
class Invoice(ndb.Model):
    total = ndb.IntegerProperty()
