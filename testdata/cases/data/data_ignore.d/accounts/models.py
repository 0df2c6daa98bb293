from google.appengine.ext import ndb


class User(ndb.Model):
    name = ndb.StringProperty()


class Plan(ndb.Model):
    title = ndb.StringProperty()
