from accounts.models import User


def signup(name):
    User(name=name).put()
    return User.query().fetch()
