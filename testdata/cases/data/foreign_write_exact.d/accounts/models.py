from google.appengine.ext import ndb


class User(ndb.Model):
    name = ndb.StringProperty()
    points = ndb.IntegerProperty()


class Badge(ndb.Model):
    title = ndb.StringProperty()
