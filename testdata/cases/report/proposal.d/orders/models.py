from google.appengine.ext import ndb


class Order(ndb.Model):
    total = ndb.IntegerProperty()
