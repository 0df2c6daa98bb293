from google.appengine.ext import ndb
from users.models import UserData, find_user


class FakeUser(ndb.Model):
    name = ndb.StringProperty()


def test_find():
    UserData(email='a').put()
    assert find_user('a')
