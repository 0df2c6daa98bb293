from google.appengine.ext import ndb


class User(ndb.Model):
    name = ndb.StringProperty()


class Session(ndb.Model):
    user = ndb.KeyProperty(kind=User)
