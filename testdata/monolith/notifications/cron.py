"""Notification housekeeping."""
import datetime
import logging

from notifications.models import Notification
from shared import common
from shared.request_handler import CronHandler

KEEP_READ_DAYS = 60


class PurgeReadNotificationsCron(CronHandler):
    def get(self):
        cutoff = common.now() - datetime.timedelta(days=KEEP_READ_DAYS)
        keys = Notification.query(Notification.read == True,
                                  Notification.created < cutoff).fetch(
                                      500, keys_only=True)
        for key in keys:
            key.delete()
        logging.info('purged %d read notifications', len(keys))
