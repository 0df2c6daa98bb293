"""Expire stale coach requests."""
import datetime
import logging

from coaches.models import CoachRequest
from shared import common
from shared.request_handler import CronHandler

REQUEST_TTL_DAYS = 30


class ExpireCoachRequestsCron(CronHandler):
    def get(self):
        cutoff = common.now() - datetime.timedelta(days=REQUEST_TTL_DAYS)
        stale = CoachRequest.query(CoachRequest.created < cutoff).fetch(
            500, keys_only=True)
        for key in stale:
            key.delete()
        logging.info('expired %d coach requests', len(stale))
