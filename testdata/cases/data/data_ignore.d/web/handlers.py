from accounts.models import Plan, User


def signup(name):
    User(name=name).put()
    return User.query().fetch(), Plan.query().fetch()
