from google.appengine.ext import ndb

from accounts.models import User


def purge(uid):
    ndb.Key(User, uid).delete()
