from google.appengine.ext import ndb


class User(ndb.Model):
    name = ndb.StringProperty()


def rename(uid, name):
    user = User.get_by_id(uid)
    user.name = name
    user.put()


class Plan(ndb.Model):
    title = ndb.StringProperty()
