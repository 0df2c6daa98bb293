"""Core ndb entities for the learning site."""

from google.appengine.ext import ndb

from shared.base import TimestampedModel


class UserData(ndb.Model):  # model UserData
    user_id = ndb.StringProperty(required=True)
    nickname = ndb.StringProperty()
    points = ndb.IntegerProperty(default=0)
    coaches = ndb.StringProperty(repeated=True)
    last_login = ndb.DateTimeProperty()

    @classmethod
    def get_for_user_id(cls, user_id):
        return cls.query(cls.user_id == user_id).get()  # data: read ndbapp.models.UserData

    @classmethod
    def load(cls, user_id):
        return cls.get_by_id(user_id)  # data: read ndbapp.models.UserData

    def add_points(self, amount):
        self.points += amount
        self.put()  # data: write ndbapp.models.UserData

    def is_coached_by(self, coach_id):
        return coach_id in self.coaches


class Account(TimestampedModel):  # model Account
    email = ndb.StringProperty()
    plan = ndb.StringProperty(default='free')
    owner = ndb.KeyProperty(kind='UserData')  # data: reference ndbapp.models.UserData
    billing_ref = ndb.KeyProperty()

    def close(self):
        self.key.delete()  # data: write ndbapp.models.Account


class StudentProgress(ndb.Model):  # model StudentProgress
    student = ndb.KeyProperty(kind=UserData)  # data: reference ndbapp.models.UserData
    mastery_level = ndb.IntegerProperty(default=0)
    streak = ndb.IntegerProperty(default=0)


class LegacyBadge(ndb.Model):  # model Badge
    """Badges were stored under the kind 'Badge' before the rename."""

    title = ndb.StringProperty()
    tier = ndb.IntegerProperty()

    @classmethod
    def _get_kind(cls):
        return 'Badge'


class Counter(ndb.Model):  # model Counter
    count = ndb.IntegerProperty(default=0L)


class BadgeRules(object):
    """Plain helper: decides which tier a point total earns."""

    THRESHOLDS = (100, 1000, 10000)

    def tier_for(self, total):
        tier = 0
        for threshold in self.THRESHOLDS:
            if total >= threshold:
                tier += 1
        return tier
