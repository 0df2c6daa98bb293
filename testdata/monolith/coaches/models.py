"""Coach-side models."""
from google.appengine.ext import ndb

from shared.models_base import BaseModel


class CoachRequest(BaseModel):
    coach = ndb.KeyProperty(kind='UserData', required=True)
    student = ndb.KeyProperty(kind='UserData', required=True)
    message = ndb.TextProperty()

    @classmethod
    def key_for(cls, coach_data, student_data):
        return ndb.Key(cls, '%s>%s' % (coach_data.user_id, student_data.user_id))

    @classmethod
    def pending_for_student(cls, student_data):
        return cls.query(cls.student == student_data.key).fetch(50)

    @classmethod
    def pending_from_coach(cls, coach_data):
        return cls.query(cls.coach == coach_data.key).fetch(200)


class StudentList(BaseModel):
    name = ndb.StringProperty(required=True)
    coaches = ndb.KeyProperty(kind='UserData', repeated=True)
    archived = ndb.BooleanProperty(default=False)

    @classmethod
    def for_coach(cls, coach_data):
        return cls.query(cls.coaches == coach_data.key,
                         cls.archived == False).fetch(100)
