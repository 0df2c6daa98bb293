from accounts.models import User


def show(uid):
    return User.get_by_id(uid)
