"""Nightly cleanup of abandoned phantom users."""
import datetime
import logging
import sys

from google.appengine.ext import db
from google.appengine.ext import ndb

from shared import common
from shared.request_handler import CronHandler
from users.models import UserData

PHANTOM_TTL_DAYS = 90


def stale_phantom_keys(cutoff):
    # Legacy GQL kept from the db-era version of this job.
    q = db.GqlQuery("SELECT __key__ FROM UserData "
                    "WHERE is_phantom = TRUE AND last_login < :1", cutoff)
    return [ndb.Key.from_old_key(k) for k in q.run(limit=500)]


class CleanupPhantomsCron(CronHandler):
    def get(self):
        cutoff = common.now() - datetime.timedelta(days=PHANTOM_TTL_DAYS)
        keys = stale_phantom_keys(cutoff)
        for key in keys:
            key.delete()
        logging.info('deleted %d phantom users', len(keys))
        if common.config.is_dev_server():
            print >>sys.stderr, "cleanup: removed %d phantoms" % len(keys)


class BackfillEmailsCron(CronHandler):
    def get(self):
        changed = []
        for user_data in UserData.query(UserData.is_phantom == False):
            if user_data.email and user_data.email != user_data.email.lower():
                user_data.email = user_data.email.lower()
                changed.append(user_data)
        ndb.put_multi(changed)
        self.response.write('fixed %d' % len(changed))
