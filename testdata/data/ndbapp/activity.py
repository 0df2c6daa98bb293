"""Activity feed entries, stored in one kind through PolyModel."""

from google.appengine.ext import ndb
from google.appengine.ext.ndb import polymodel


class Activity(polymodel.PolyModel):  # model Activity
    actor_key = ndb.KeyProperty(kind='UserData')  # data: reference ndbapp.models.UserData
    occurred_at = ndb.DateTimeProperty(auto_now_add=True)


class VideoActivity(Activity):  # model Activity
    seconds_watched = ndb.IntegerProperty()


class ExerciseActivity(Activity):  # model Activity
    correct = ndb.BooleanProperty()


class FeedFormatter(object):
    def line(self, activity):
        return '%s at %s' % (activity.__class__.__name__, activity.occurred_at)


def activity_for(user_key, limit=20):
    return Activity.query(Activity.actor_key == user_key).order(-Activity.occurred_at).fetch(limit)  # data: read ndbapp.activity.Activity


def videos_watched(user_key):
    return VideoActivity.query(VideoActivity.actor_key == user_key).count()  # data: read ndbapp.activity.VideoActivity
