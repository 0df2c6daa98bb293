from google.appengine.ext import ndb

from accounts.models import User


def signup(name):
    user = User(name=name)
    user.put()


def remove(uid):
    ndb.Key(User, uid).delete()


def own(uid):
    return User.get_or_insert(uid)
