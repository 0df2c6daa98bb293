from google.appengine.ext import ndb


class User(ndb.Model):
    name = ndb.StringProperty()
    points = ndb.IntegerProperty()
    label = ndb.StringProperty()


class Badge(ndb.Model):
    title = ndb.StringProperty()
    label = ndb.StringProperty()
