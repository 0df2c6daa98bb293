"""SMS reminders (pilot in two schools)."""
import logging
import re

from notifications import preferences
from shared import common, config

_PHONE_RE = re.compile(r'^\+?[0-9]{8,15}$')


def valid_number(number):
    return bool(number and _PHONE_RE.match(number))


def send_reminder(user_key, text):
    if not config.get('ENABLE_SMS'):
        return False
    settings = preferences.for_user_key(user_key)
    if not valid_number(settings.phone_number):
        return False
    logging.info('would send SMS to %s: %s', settings.phone_number,
                 common.to_unicode(text)[:40])
    return True
