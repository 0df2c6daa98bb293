"""Audit trail of administrative actions."""

import google.appengine.ext.ndb


class AuditEvent(google.appengine.ext.ndb.Model):  # model AuditEvent
    action = google.appengine.ext.ndb.StringProperty()
    actor = google.appengine.ext.ndb.KeyProperty(kind='UserData')  # data: reference ndbapp.models.UserData
    when = google.appengine.ext.ndb.DateTimeProperty(auto_now_add=True)


def record(action, actor_key=None):
    AuditEvent(action=action, actor=actor_key).put()  # data: write ndbapp.audit.AuditEvent


def recent(limit=50):
    return AuditEvent.query().order(-AuditEvent.when).fetch(limit)  # data: read ndbapp.audit.AuditEvent
