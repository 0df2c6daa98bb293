"""Exercise maintenance jobs."""
import datetime
import logging

from exercises.models import ProblemLog
from shared import common
from shared.request_handler import CronHandler

RETENTION_DAYS = 365 * 2


class PurgeOldProblemLogsCron(CronHandler):
    def get(self):
        cutoff = common.now() - datetime.timedelta(days=RETENTION_DAYS)
        q = ProblemLog.all(keys_only=True).filter('created <', cutoff)
        keys = q.fetch(500)
        from google.appengine.ext import db
        db.delete(keys)
        logging.info('purged %d problem logs older than %s', len(keys), cutoff)
        self.response.write('%d' % len(keys))
