from google.appengine.ext import ndb

from accounts.models import Plan, User


def signup(name):
    User(name=name).put()


def show(uid):
    return User.get_by_id(uid)


def plan_key(pid):
    return ndb.Key(Plan, pid)
