from google.appengine.ext import ndb

from accounts.models import AuditLog, LoginLog, Plan, Secret, User


def show(uid):
    user = User.get_by_id(uid)
    plans = Plan.query().fetch()
    logins = LoginLog.query().fetch()
    audits = AuditLog.query().fetch()
    secret = ndb.Key(Secret, uid).get()
    ref = ndb.Key(Secret, uid)
    return user, plans, logins, audits, secret, ref
