from a.models import User
def rename(uid):
    u = User.get_by_id(uid)
    u.name = 'x'
    u.put()
