from google.appengine.ext import ndb


class User(ndb.Model):
    name = ndb.StringProperty()


class Plan(ndb.Model):
    @classmethod
    def _get_kind(cls):
        return 'BillingPlan'


class LoginLog(ndb.Model):
    when = ndb.DateTimeProperty()


class AuditLog(ndb.Model):
    what = ndb.StringProperty()


class Secret(ndb.Model):
    value = ndb.StringProperty()
