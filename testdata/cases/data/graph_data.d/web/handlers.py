from accounts.models import Session, User


def signup(name):
    User(name=name).put()
    return User.query().fetch()


def login(uid):
    return Session.get_by_id(uid)
