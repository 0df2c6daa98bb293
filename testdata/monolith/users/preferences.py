"""User-facing preferences page helpers."""
from typing import TYPE_CHECKING

from google.appengine.ext import ndb

from shared.models_base import BaseModel

if TYPE_CHECKING:
    from notifications.models import NotificationSettings  # noqa


class UserPreferences(BaseModel):
    user = ndb.KeyProperty(kind='UserData', required=True)
    language = ndb.StringProperty(default='en')
    autoplay_videos = ndb.BooleanProperty(default=True)
    show_hints = ndb.BooleanProperty(default=True)

    @classmethod
    def for_user(cls, user_data):
        key = ndb.Key(cls, user_data.user_id)
        prefs = key.get()
        if prefs is None:
            prefs = cls(id=user_data.user_id, user=user_data.key)
        return prefs


def update(user_data, **changes):
    # type: (...) -> UserPreferences
    prefs = UserPreferences.for_user(user_data)
    for name, value in changes.iteritems():
        if not hasattr(UserPreferences, name):
            raise ValueError('unknown preference %s' % name)
        setattr(prefs, name, value)
    prefs.put()
    return prefs
