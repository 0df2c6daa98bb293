from accounts.models import Plan, User


def rename(uid, name):
    user = User.get_by_id(uid)
    user.name = name
    user.put()


def plans():
    return Plan.query().fetch()
