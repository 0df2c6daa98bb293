from google.appengine.ext import ndb


class User(ndb.Model):
    name = ndb.StringProperty()


class LoginLog(ndb.Model):
    when = ndb.DateTimeProperty()
