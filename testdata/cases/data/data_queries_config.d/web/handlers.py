from accounts.models import User
from web import repo


def signup(name):
    user = User(name=name)
    repo.persist(user)


def show(uid):
    return User.fetch_one(uid)
