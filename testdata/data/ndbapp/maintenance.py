"""One-off maintenance jobs run from the admin console."""

from google.appengine.ext import ndb

from ndbapp.activity import Activity, ExerciseActivity, VideoActivity
from ndbapp.content import Article, Playlist
from ndbapp.models import Account, StudentProgress, UserData


def purge_closed_accounts():
    keys = Account.query(Account.plan == 'closed').fetch(keys_only=True)  # data: read ndbapp.models.Account
    ndb.delete_multi(keys)  # data: write ndbapp.models.Account
    return len(keys)


def load_users(user_ids):
    keys = []
    for uid in user_ids:
        keys.append(ndb.Key(UserData, uid))  # data: reference ndbapp.models.UserData
    return ndb.get_multi(keys)  # data: read ndbapp.models.UserData


def load_featured_playlists():
    keys = [
        ndb.Key(Playlist, 'featured'),  # data: reference ndbapp.content.Playlist
        ndb.Key(Playlist, 'staff-picks'),  # data: reference ndbapp.content.Playlist
    ]
    return ndb.get_multi(keys)  # data: read ndbapp.content.Playlist


def reset_progress(user_key):
    progress = StudentProgress.query(StudentProgress.student == user_key).get()  # data: read ndbapp.models.StudentProgress
    if progress is None:
        return False
    progress.mastery_level = 0
    progress.streak = 0
    progress.put()  # data: write ndbapp.models.StudentProgress
    return True


def seed_demo_content(owner_key):
    pending = []
    for n in range(3):
        article = Article(slug='demo-%d' % n, author_key=owner_key, body='Lorem ipsum')
        pending.append(article)
    playlist = Playlist(label='Demo playlist')
    pending.append(playlist)
    ndb.put_multi(pending)  # data: write ndbapp.content.Article ; write ndbapp.content.Playlist


def log_session(user_key, video_seconds, correct):
    VideoActivity(actor_key=user_key, seconds_watched=video_seconds).put_async()  # data: write ndbapp.activity.VideoActivity
    ExerciseActivity(actor_key=user_key, correct=correct).put()  # data: write ndbapp.activity.ExerciseActivity


def forget_user(user_id):
    user_data = UserData.get_by_id(user_id)  # data: read ndbapp.models.UserData
    if user_data is None:
        return
    feed = Activity.query(Activity.actor_key == user_data.key).fetch(keys_only=True)  # data: read ndbapp.activity.Activity
    ndb.delete_multi(feed)  # data: write ndbapp.activity.Activity
    user_data.key.delete()  # data: write ndbapp.models.UserData
