from accounts.models import User


def signup(name):
    User(name=name).put()


def invite(name):
    User(name=name).put()
    return User.get_by_id(name)
