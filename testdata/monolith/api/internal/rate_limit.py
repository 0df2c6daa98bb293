"""Fixed-window rate limiting in memcache."""
import time

try:
    from google.appengine.api import memcache
except ImportError:
    memcache = None

WINDOW_SECONDS = 60
DEFAULT_LIMIT = 120


def _bucket(client_id):
    return 'rl:%s:%d' % (client_id, int(time.time()) // WINDOW_SECONDS)


def hit(client_id, limit=DEFAULT_LIMIT):
    """Returns True if the request is allowed."""
    if memcache is None:
        return True
    count = memcache.incr(_bucket(client_id), initial_value=0)
    if count is None:
        return True
    return count <= limit
