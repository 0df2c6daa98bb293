"""Content cron jobs."""
import logging
import sys

from content import search
from content import youtube_sync
from content.models import Video
from shared import common
from shared.request_handler import CronHandler


class ReindexCron(CronHandler):
    def get(self):
        search.reindex_all()
        self.response.write('ok')


class YouTubeSyncCron(CronHandler):
    def get(self):
        ids = [k.id() for k in Video.query().fetch(keys_only=True)]
        total = 0
        for batch in common.chunks(ids, 50):
            total += len(youtube_sync.sync(batch))
        logging.info('youtube sync done: %d', total)
        print "youtube sync: %d videos" % total
        if total == 0:
            print >>sys.stderr, "youtube sync found no videos"
