from users.models import find_user


def find_user_topics(email):
    return find_user(email)


import users.models
import users.models as um


def bump(key):
    um.add_points(key, 1)
    um.MAX_POINTS
    return users.models.UserCache(5)
