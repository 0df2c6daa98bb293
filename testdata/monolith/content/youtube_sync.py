"""Pulls video metadata from YouTube."""
import logging
import urllib

from google.appengine.api import urlfetch
from google.appengine.ext import ndb

from content.models import Video
from shared import common, config
from third_party.retry_lite import retry

_API = 'https://www.googleapis.com/youtube/v3/videos'


@retry(exceptions=(urlfetch.DownloadError,), tries=3)
def _fetch(youtube_ids):
    params = urllib.urlencode({
        'id': ','.join(youtube_ids),
        'part': 'snippet,contentDetails',
        'key': config.get('YOUTUBE_API_KEY'),
    })
    result = urlfetch.fetch(_API + '?' + params, deadline=20)
    if result.status_code <> 200:
        raise urlfetch.DownloadError('youtube returned %d' % result.status_code)
    return common.from_json(result.content)


def sync(youtube_ids):
    data = _fetch(youtube_ids)
    updated = []
    for item in data.get('items', []):
        video = Video.get_or_insert(item['id'], youtube_id=item['id'],
                                    title=item['snippet']['title'])
        video.description = item['snippet'].get('description')
        video.title = item['snippet']['title']
        updated.append(video)
    ndb.put_multi(updated)
    logging.info('synced %d of %d videos', len(updated), len(youtube_ids))
    return updated
