"""Daily activity streaks."""
import datetime

from google.appengine.ext import ndb

from progress.models import VideoLog
from shared import dates

MYPY = False
if MYPY:
    from users.models import UserData  # noqa


class DailyStreak(ndb.Model):
    length = ndb.IntegerProperty(default=0)
    last_day = ndb.DateProperty()


def _streak_key(user_id):
    return ndb.Key('DailyStreak', user_id, parent=ndb.Key('UserData', user_id))


def current(user_id):
    # type: (str) -> int
    streak = _streak_key(user_id).get()
    if streak is None:
        return 0
    today = dates.utcnow().date()
    if streak.last_day is None or (today - streak.last_day).days > 1:
        return 0
    return streak.length


def record_activity(user_data, when=None):
    # type: (UserData, datetime.datetime) -> int
    day = (when or dates.utcnow()).date()
    key = _streak_key(user_data.user_id)
    streak = key.get() or DailyStreak(key=key)
    if streak.last_day == day:
        return streak.length
    if streak.last_day == day - datetime.timedelta(days=1):
        streak.length += 1
    else:
        streak.length = 1
    streak.last_day = day
    streak.put()
    return streak.length


def watched_today(user_id):
    since = dates.start_of_day(dates.utcnow())
    q = VideoLog.all().filter('user_id =', user_id) \
                      .filter('time_watched >=', since)
    return q.count(limit=1) > 0
