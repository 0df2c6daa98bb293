from google.appengine.ext import ndb


class Foo(ndb.Model):
    count = ndb.IntegerProperty(default=0L)
