from accounts.models import Plan, User


def signup(name):
    User(name=name).put()  # cutline: ignore[foreign-write] signup moves to accounts
    # cutline: ignore[foreign-read] the profile page is cached anyway
    profile = User.get_by_id(name)
    User.query().fetch()  # cutline: ignore[foreign-write] wrong kind
    # cutline: ignore[foreign-read] nothing below reads
    return profile


def pick(pid):
    plan = Plan.get_by_id(pid)
    plan.put()  # cutline: ignore
