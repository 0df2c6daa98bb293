"""Misc user helpers."""
import re

from shared import common
from users.exceptions import UsernameTaken
from users.models import UniqueUsername

_USERNAME_RE = re.compile(r'^[a-z][a-z0-9_.]{2,29}$')


def normalize_username(raw):
    return common.to_unicode(raw).strip().lower()


def is_valid_username(name):
    return bool(_USERNAME_RE.match(name))


def claim_username(user_data, raw):
    name = normalize_username(raw)
    if not is_valid_username(name):
        raise ValueError(u'invalid username %r' % name)
    if not UniqueUsername.claim(name, user_data.key):
        raise UsernameTaken(name)
    user_data.username = name
    user_data.put()
    return name


def age_in_years(user_data, today):
    if user_data.birthdate is None:
        return None
    b = user_data.birthdate
    years = today.year - b.year
    if (today.month, today.day) < (b.month, b.day):
        years -= 1
    return years
