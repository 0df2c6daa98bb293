"""Per-student progress models."""
from google.appengine.ext import db
from google.appengine.ext import ndb

from shared.models_base import BaseModel
from users.models import UserData


class UserExercise(BaseModel):
    user = ndb.KeyProperty(kind='UserData', required=True)
    exercise = ndb.StringProperty(required=True)
    streak = ndb.IntegerProperty(default=0)
    longest_streak = ndb.IntegerProperty(default=0)
    total_done = ndb.IntegerProperty(default=0)
    proficient_date = ndb.DateTimeProperty()

    @classmethod
    def key_for(cls, user_data, exercise_name):
        return ndb.Key(cls, '%s:%s' % (user_data.user_id, exercise_name))

    @classmethod
    def get_for(cls, user_data, exercise_name):
        key = cls.key_for(user_data, exercise_name)
        return key.get() or cls(key=key, user=user_data.key,
                                exercise=exercise_name)

    @classmethod
    def for_user(cls, user_data):
        return cls.query(cls.user == user_data.key).fetch(500)


class UserVideo(BaseModel):
    user = ndb.KeyProperty(kind=UserData, required=True)
    video = ndb.KeyProperty(kind='YouTubeVideo', required=True)
    seconds_watched = ndb.IntegerProperty(default=0)
    last_second_watched = ndb.IntegerProperty(default=0)
    completed = ndb.BooleanProperty(default=False)


class VideoLog(db.Model):
    user_id = db.StringProperty(required=True)
    youtube_id = db.StringProperty(required=True)
    time_watched = db.DateTimeProperty(auto_now_add=True)
    seconds_watched = db.IntegerProperty(default=0)
    points_earned = db.IntegerProperty(default=0)
    is_video_completed = db.BooleanProperty(default=False)


class VideoLogSummary(db.Model):
    log = db.ReferenceProperty(VideoLog, required=True)
    day = db.DateProperty()
    total_seconds = db.IntegerProperty(default=0)


class UserBadge(BaseModel):
    user = ndb.KeyProperty(kind='UserData', required=True)
    badge_name = ndb.StringProperty(required=True)
    target_context = ndb.StringProperty()
    points_earned = ndb.IntegerProperty(default=0)


class UserGoal(BaseModel):
    user = ndb.KeyProperty(kind='UserData', required=True)
    title = ndb.StringProperty()
    objectives = ndb.JsonProperty(default=[])
    completed_on = ndb.DateTimeProperty()
    abandoned = ndb.BooleanProperty(default=False)
