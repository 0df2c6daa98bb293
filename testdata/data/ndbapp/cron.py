"""Cron endpoints (see cron.yaml)."""

import logging
import Queue

from google.appengine.api import taskqueue
from google.appengine.ext import ndb

from ndbapp.models import Counter, UserData
from ndbapp.settings_models import Setting

LEGACY_COUNTER_KEY = ndb.Key('LegacyCounter', 'global')  # data: reference kind:LegacyCounter

BATCH_SIZE = 200


def refresh_counters():
    counter = Counter.get_or_insert('daily_signups')  # data: write ndbapp.models.Counter
    counter.count = UserData.query().count()  # data: read ndbapp.models.UserData
    counter.put()  # data: write ndbapp.models.Counter
    print 'signups: %d' % counter.count


def fan_out_users():
    work = Queue.Queue()
    for key in UserData.query().fetch(keys_only=True):  # data: read ndbapp.models.UserData
        work.put(key.id())
    queued = 0L
    while not work.empty():
        taskqueue.add(url='/tasks/recompute', params={'uid': work.get()})
        queued += 1
    logging.info('queued %d recompute tasks', queued)


def maintenance_mode():
    flag = Setting.lookup('maintenance', default=False)
    if flag:
        print 'maintenance mode is on'
    return flag


def count_ghosts():
    return ndb.gql("SELECT __key__ FROM Ghost").count()  # data: read kind:Ghost
