"""Exercise definitions (ndb) and problem logs (still on db)."""
from google.appengine.ext import db
from google.appengine.ext import ndb

from shared.models_base import BaseModel, BaseDbModel


class Exercise(BaseModel):
    name = ndb.StringProperty(required=True)
    display_name = ndb.StringProperty()
    prerequisites = ndb.StringProperty(repeated=True)
    covers = ndb.StringProperty(repeated=True)
    grader = ndb.StringProperty(default='multiple_choice')
    live = ndb.BooleanProperty(default=False)
    h_position = ndb.IntegerProperty(default=0)
    v_position = ndb.IntegerProperty(default=0)
    seconds_per_fast_problem = ndb.FloatProperty(default=10.0)

    @classmethod
    def get_by_name(cls, name):
        return cls.get_by_id(name)

    @classmethod
    def all_live(cls):
        return cls.query(cls.live == True).order(cls.name).fetch()

    def mark_done_for(self, user_data):
        # late import: breaks cycle with progress.mastery, which imports
        # exercises.models at module level.
        from progress import mastery
        return mastery.mark_proficient(user_data, self)


class ExerciseVideo(BaseModel):
    exercise = ndb.KeyProperty(kind='Exercise', required=True)
    video = ndb.KeyProperty(kind='YouTubeVideo', required=True)
    order = ndb.IntegerProperty(default=0)


class ProblemLog(BaseDbModel):
    user_id = db.StringProperty(required=True)
    exercise = db.StringProperty(required=True)
    problem_number = db.IntegerProperty(default=1)
    correct = db.BooleanProperty(default=False)
    hint_used = db.BooleanProperty(default=False)
    time_taken = db.IntegerProperty(default=0)
    seed = db.StringProperty()
    earned_proficiency = db.BooleanProperty(default=False)

    @classmethod
    def for_user_exercise(cls, user_id, exercise_name, limit=50):
        q = cls.all().filter('user_id =', user_id)
        q = q.filter('exercise =', exercise_name).order('-created')
        return q.fetch(limit)


class ProblemAttemptDetail(db.Model):
    problem_log = db.ReferenceProperty(ProblemLog, collection_name='details')
    answer_given = db.TextProperty()
    attempt_number = db.IntegerProperty(default=1)
