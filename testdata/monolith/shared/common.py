"""Grab bag of helpers used everywhere.

This started as util.py in 2010 and nobody has had the heart to split it.
Almost every module in the app imports it.
"""
import logging
import os
import re
import sys
import urllib

from shared import config
from shared import dates
from shared import json_util
from shared import memcache_util
from shared.constants import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, \
    _LEGACY_COOKIE_NAME
from shared.internal import cache_keys

_SLUG_RE = re.compile(r'[^a-z0-9]+')


def now():
    return dates.utcnow()


def slugify(value):
    if isinstance(value, str):
        value = value.decode('utf-8', 'ignore')
    value = value.lower().strip()
    return _SLUG_RE.sub('-', value).strip('-')


def safe_int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError), e:
        logging.debug('safe_int(%r): %s', value, e)
        return default


def clamp_page_size(value):
    size = safe_int(value, DEFAULT_PAGE_SIZE)
    return max(1, min(size, MAX_PAGE_SIZE))


def to_unicode(value):
    if value is None:
        return u''
    if isinstance(value, unicode):
        return value
    if isinstance(value, basestring):
        return value.decode('utf-8', 'replace')
    return unicode(value)


def is_string(value):
    return isinstance(value, basestring)


def absolute_url(path, **params):
    host = os.environ.get('HTTP_HOST', 'localhost:8080')
    scheme = 'http' if config.is_dev_server() else 'https'
    url = '%s://%s%s' % (scheme, host, path)
    if params:
        url += '?' + urllib.urlencode(sorted(params.iteritems()))
    return url


def to_json(obj):
    return json_util.dumps(obj)


def from_json(text):
    return json_util.loads(text)


def cache_key(name, *args):
    """Memcache key that changes with every deploy."""
    return cache_keys.versioned(name, *args)


def cached(expiration=60):
    def decorator(fn):
        def wrapper(*args, **kwargs):
            key = cache_keys.for_function(fn, args, kwargs)
            value = memcache_util.get(key)
            if value is None:
                value = fn(*args, **kwargs)
                memcache_util.set(key, value, time=expiration)
            return value
        wrapper.__name__ = fn.__name__
        return wrapper
    return decorator


def legacy_cookie_value(request):
    return request.cookies.get(_LEGACY_COOKIE_NAME)


def current_user_data():
    """Returns the UserData for the current request, or None."""
    # late import: shared must not depend on users at import time
    from users.models import UserData
    user_id = os.environ.get('USER_ID')
    if not user_id:
        return None
    return UserData.get_from_user_id(user_id)


def log_exception(msg):
    exc_type, exc_value, _ = sys.exc_info()
    logging.exception('%s: %s %s', msg, exc_type, exc_value)
    if config.is_dev_server():
        print >>sys.stderr, "%s: %s" % (msg, exc_value)


def chunks(seq, size):
    for i in xrange(0, len(seq), size):
        yield seq[i:i + size]


def dict_without_none(d):
    return dict((k, v) for k, v in d.iteritems() if v is not None)
