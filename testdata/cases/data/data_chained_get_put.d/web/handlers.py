from accounts.models import Plan


def touch(pid):
    Plan.get_by_id(pid).put()
