"""/api/v1/notifications endpoints."""
from __future__ import absolute_import

from google.appengine.ext import ndb

from api import auth
from api.decorators import api_method
from notifications.models import Notification
from notifications import preferences
from shared.request_handler import RequestHandler


class NotificationsApi(RequestHandler):
    @api_method
    def get(self):
        user_data = auth.require_user(self.request)
        return [n.to_dict() for n in Notification.unread_for(user_data.key)]

    @api_method
    def post(self):
        user_data = auth.require_user(self.request)
        key = ndb.Key(urlsafe=self.request.get('key'))
        note = key.get()
        if note is not None and note.user == user_data.key:
            note.read = True
            note.put()
        return {'ok': True}


class NotificationSettingsApi(RequestHandler):
    @api_method
    def put(self):
        user_data = auth.require_user(self.request)
        changes = dict((k, self.request.get(k) == 'true')
                       for k in ('email_badges', 'weekly_digest'))
        preferences.update(user_data.key, **changes)
        return {'ok': True}
