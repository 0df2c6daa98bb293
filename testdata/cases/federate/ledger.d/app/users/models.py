from google.appengine.ext import ndb


class Address(ndb.Model):
    street = ndb.StringProperty()
    city = ndb.StringProperty(required=True)


class UserData(ndb.Model):
    email = ndb.StringProperty(required=True)
    nickname = ndb.StringProperty('nick')
    points = ndb.IntegerProperty(default=0)
    badges = ndb.StringProperty(repeated=True)
    coach = ndb.KeyProperty(kind='Coach')
    friends = ndb.KeyProperty(kind='UserData', repeated=True)
    home = ndb.StructuredProperty(Address)
    prefs = ndb.JsonProperty()
    joined = ndb.DateTimeProperty(auto_now_add=True)
    score = ndb.ComputedProperty(lambda self: self.points * 2)
    __secret = ndb.StringProperty()

    @classmethod
    def get_for_email(cls, email):
        return cls.query(cls.email == email).get()


def find_user(email, create=False):
    return UserData.get_for_email(email)


def add_points(user_key, points):
    user = user_key.get()
    user.points += points
    user.put()


class UserCache(object):
    def __init__(self, size, ttl=60):
        self.size = size


class BaseHandler(object):
    pass
MAX_POINTS = 100
