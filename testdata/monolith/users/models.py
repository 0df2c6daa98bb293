"""Datastore models owned by the users package."""
import logging

from google.appengine.ext import ndb

from shared.models_base import BaseModel
from shared import common


class UserData(BaseModel):
    user_id = ndb.StringProperty(required=True)
    email = ndb.StringProperty()
    username = ndb.StringProperty()
    nickname = ndb.StringProperty(indexed=False)
    points = ndb.IntegerProperty(default=0)
    coaches = ndb.StringProperty(repeated=True)
    student_lists = ndb.KeyProperty(kind='StudentList', repeated=True)
    is_phantom = ndb.BooleanProperty(default=False)
    birthdate = ndb.DateProperty()
    last_login = ndb.DateTimeProperty()
    avatar_name = ndb.StringProperty(default='leaf-green')

    @classmethod
    def get_from_user_id(cls, user_id):
        return cls.query(cls.user_id == user_id).get()

    @classmethod
    def get_from_email(cls, email):
        return cls.query(cls.email == email.lower()).get()

    @classmethod
    def get_from_username(cls, username):
        return cls.query(cls.username == username.lower()).get()

    @classmethod
    def insert_for(cls, user_id, email, nickname=None):
        return cls.get_or_insert(user_id, user_id=user_id,
                                 email=email.lower(),
                                 nickname=nickname or email.split('@')[0])

    def record_login(self):
        self.last_login = common.now()
        self.put()

    def is_coached_by(self, coach_data):
        return coach_data.email in self.coaches

    def total_points(self):
        # late import: breaks cycle with progress.internal.points, which
        # imports users.models at module level.
        from progress.internal import points
        return points.total_for(self)

    def display_name(self):
        return self.nickname or self.username or u'Learner'


class UserAlias(BaseModel):
    """Old email addresses that should still resolve to a user."""
    user = ndb.KeyProperty(kind='UserData', required=True)
    email = ndb.StringProperty(required=True)

    @classmethod
    def resolve(cls, email):
        alias = cls.query(cls.email == email.lower()).get()
        if alias is None:
            return None
        return alias.user.get()


class UniqueUsername(ndb.Model):
    """Key name is the lower-cased username; used to enforce uniqueness."""
    user = ndb.KeyProperty(kind='UserData')

    @classmethod
    @ndb.transactional
    def claim(cls, username, user_key):
        existing = cls.get_by_id(username.lower())
        if existing is not None and existing.user != user_key:
            logging.info('username %s already claimed', username)
            return False
        cls(id=username.lower(), user=user_key).put()
        return True
