"""Base classes for App Engine ndb entities."""

import datetime

from google.appengine.ext import ndb


class Clock(object):
    """Indirection over datetime so tests can freeze time."""

    frozen = None

    @classmethod
    def now(cls):
        return cls.frozen or datetime.datetime.utcnow()


class TimestampedModel(ndb.Model):  # model TimestampedModel abstract
    """Adds creation and modification times to every subclass."""

    created = ndb.DateTimeProperty(auto_now_add=True)
    updated = ndb.DateTimeProperty(auto_now=True)

    def touch(self):
        self.put()  # data: write shared.base.TimestampedModel

    def age(self):
        if self.created is None:
            return datetime.timedelta(0)
        return Clock.now() - self.created
