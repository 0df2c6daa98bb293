"""Notification storage."""
from google.appengine.ext import db
from google.appengine.ext import ndb as _ndb

from shared.models_base import BaseModel


class Notification(_ndb.Expando):
    """Free-form notification; each kind stores its own extra fields."""
    user = _ndb.KeyProperty(kind='UserData', required=True)
    kind = _ndb.StringProperty(required=True)
    read = _ndb.BooleanProperty(default=False)
    created = _ndb.DateTimeProperty(auto_now_add=True)

    @classmethod
    def unread_for(cls, user_key, limit=20):
        return cls.query(cls.user == user_key, cls.read == False).order(
            -cls.created).fetch(limit)


class NotificationSettings(BaseModel):
    user = _ndb.KeyProperty(kind='UserData', required=True)
    email_badges = _ndb.BooleanProperty(default=True)
    email_coach_requests = _ndb.BooleanProperty(default=True)
    weekly_digest = _ndb.BooleanProperty(default=True)
    push_enabled = _ndb.BooleanProperty(default=False)
    phone_number = _ndb.StringProperty()


class EmailLog(db.Model):
    to = db.EmailProperty(required=True)
    subject = db.StringProperty()
    template = db.StringProperty()
    sent = db.DateTimeProperty(auto_now_add=True)
    success = db.BooleanProperty(default=True)
