"""Progress cron jobs."""
import logging

from google.appengine.ext import ndb

from progress import badges
from progress.internal import streaks
from shared.request_handler import CronHandler
from users.models import UserData


class StreakBadgesCron(CronHandler):
    def get(self):
        awarded = 0
        cursor, more = None, True
        while more:
            users, cursor, more = UserData.query(
                UserData.is_phantom == False).fetch_page(200,
                                                         start_cursor=cursor)
            for user_data in users:
                length = streaks.current(user_data.user_id)
                for threshold in (7, 30):
                    if length and length % threshold == 0:
                        badges.award(user_data, 'streak-%d' % threshold)
                        awarded += 1
        logging.info('streak badges awarded: %d', awarded)
        print "streak badges: %d" % awarded


class ResetStaleStreaksCron(CronHandler):
    def get(self):
        stale = [k for k in streaks.DailyStreak.query().fetch(keys_only=True)
                 if streaks.current(k.id()) == 0]
        ndb.delete_multi(stale)
        self.response.write('%d' % len(stale))
