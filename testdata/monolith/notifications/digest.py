"""Weekly digest email."""
import logging

from notifications import preferences, taskqueue_util
from progress.internal import streaks
from progress import summary
from shared import config
from shared.request_handler import CronHandler
from users.models import UserData


def digest_context(user_data):
    return {
        'name': user_data.display_name(),
        'streak': streaks.current(user_data.user_id),
        'weekly': summary.weekly_activity(user_data.user_id, weeks=1),
        'points': user_data.points,
    }


class DigestCron(CronHandler):
    def get(self):
        batch = config.get('DIGEST_BATCH_SIZE')
        settings, cursor, more = preferences.digest_subscribers(batch)
        sent = 0
        for s in settings:
            user_data = s.user.get()
            if user_data is None or not user_data.email:
                continue
            taskqueue_util.enqueue_email(user_data.email, 'digest',
                                         digest_context(user_data))
            sent += 1
        if more:
            taskqueue_util.enqueue_url('/cron/notifications/digest',
                                       {'cursor': cursor.urlsafe()})
        logging.info('queued %d digests', sent)


def preview(user_id):
    return digest_context(UserData.get_by_id(user_id))
