from accounts.models import Plan, User


def edit(pid, title):
    plan = Plan.get_by_id(pid)
    plan.title = title
    plan.put()
    return User.query().fetch()
