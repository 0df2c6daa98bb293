from google.appengine.ext import ndb
from users.models import UserData, find_user, add_points, UserCache, BaseHandler, MAX_POINTS


class CoachPage(BaseHandler):
    def get(self):
        user = find_user(self.request.get('email'))
        cache = UserCache(10)
        return user


def reward(email):
    user = UserData.get_for_email(email)
    user.points += 1
    user.put()


def forget(uid):
    ndb.Key(UserData, uid).delete()
