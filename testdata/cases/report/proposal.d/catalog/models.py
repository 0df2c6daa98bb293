from google.appengine.ext import ndb


class Product(ndb.Model):
    name = ndb.StringProperty()
