"""Awarding points.  Writes UserData.points directly."""
import logging

from google.appengine.ext import ndb

from shared.constants import MAX_POINTS
from users.models import UserData


def total_for(user_data):
    return long(user_data.points or 0)


@ndb.transactional
def award(user_key, amount, reason=''):
    user_data = user_key.get()
    if user_data is None:
        logging.warning('award to missing user %s', user_key)
        return 0L
    user_data.points = min(MAX_POINTS, (user_data.points or 0) + amount)
    user_data.put()
    logging.info('awarded %d points to %s for %s', amount,
                 user_data.user_id, reason)
    return user_data.points


def reset_points(user_id):
    user_data = UserData.get_from_user_id(user_id)
    if user_data is None:
        return
    user_data.points = 0
    user_data.put()
