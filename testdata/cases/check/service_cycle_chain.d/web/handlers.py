from accounts.models import Plan, User


def signup(name):
    User(name=name).put()
    return Plan.query().fetch()
