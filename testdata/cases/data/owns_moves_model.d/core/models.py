from google.appengine.ext import ndb


class User(ndb.Model):
    name = ndb.StringProperty()


class AuditLog(ndb.Model):
    what = ndb.StringProperty()


def rename(uid, name):
    user = User.get_by_id(uid)
    user.name = name
    user.put()
    AuditLog(what='rename').put()


class Setting(ndb.Model):
    @classmethod
    def _get_kind(cls):
        return 'AuditSetting'
