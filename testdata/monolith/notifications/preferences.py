"""Reading and changing notification settings."""
from google.appengine.ext import ndb

from notifications.models import NotificationSettings

_FIELDS = ('email_badges', 'email_coach_requests', 'weekly_digest',
           'push_enabled', 'phone_number')


def for_user_key(user_key):
    settings = NotificationSettings.get_by_id(user_key.id())
    if settings is None:
        settings = NotificationSettings(id=user_key.id(), user=user_key)
    return settings


def update(user_key, **values):
    settings = for_user_key(user_key)
    for name, value in values.iteritems():
        if name not in _FIELDS:
            raise ValueError('unknown setting %s' % name)
        setattr(settings, name, value)
    settings.put()
    return settings


def digest_subscribers(batch_size, cursor=None):
    q = NotificationSettings.query(NotificationSettings.weekly_digest == True)
    return q.fetch_page(batch_size, start_cursor=cursor, keys_only=False)


def settings_key(user_id):
    return ndb.Key('NotificationSettings', user_id)
