"""Entities of the original (db API) community forum."""

from google.appengine.ext import db
from google.appengine.ext.db import polymodel


class Profile(db.Expando):  # model Profile
    display_name = db.StringProperty()
    karma = db.IntegerProperty(default=0)


class Feedback(db.Model):  # model Feedback
    author = db.ReferenceProperty(Profile, collection_name='feedback_given')  # data: reference dbapp.models.Profile
    reviewer = db.ReferenceProperty(reference_class=Profile, collection_name='feedback_reviewed')  # data: reference dbapp.models.Profile
    message = db.TextProperty()
    resolved = db.BooleanProperty(default=False)

    def resolve(self):
        self.resolved = True
        self.put()  # data: write dbapp.models.Feedback


class LegacyTopic(db.Model):  # model Topic
    heading = db.StringProperty()

    @classmethod
    def kind(cls):
        return 'Topic'

    @classmethod
    def newest(cls, limit=10):
        return cls.all().order('-__key__').fetch(limit)  # data: read dbapp.models.LegacyTopic


class Shape(polymodel.PolyModel):  # model Shape
    color = db.StringProperty()


class Circle(Shape):  # model Shape
    radius = db.FloatProperty()


class KarmaPolicy(object):
    """Not an entity: rules for how much karma an action earns."""

    POINTS = {'post': 1, 'accepted': 10}

    def points_for(self, action):
        return self.POINTS.get(action, 0)
