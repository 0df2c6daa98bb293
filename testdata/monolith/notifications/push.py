"""Mobile push notifications (behind a flag)."""
import logging

from google.appengine.api import urlfetch

import third_party.simplejson as simplejson
from notifications import preferences
from shared import config

_ENDPOINT = 'https://push.example.org/v1/send'


def send(user_key, title, message):
    if not config.get('ENABLE_PUSH'):
        return False
    settings = preferences.for_user_key(user_key)
    if not settings.push_enabled:
        return False
    payload = simplejson.dumps({'user': user_key.id(), 'title': title,
                                'message': message})
    result = urlfetch.fetch(_ENDPOINT, payload=payload,
                            method=urlfetch.POST,
                            headers={'Content-Type': 'application/json'})
    if result.status_code != 200:
        logging.warning('push failed: %d', result.status_code)
        return False
    return True
