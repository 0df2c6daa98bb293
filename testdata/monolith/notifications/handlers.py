"""Notification inbox."""
from google.appengine.ext import ndb

from notifications.models import Notification
from shared import common
from shared.decorators import login_required
from shared.request_handler import RequestHandler


class NotificationsPage(RequestHandler):
    @login_required
    def get(self):
        user_data = common.current_user_data()
        notes = Notification.unread_for(user_data.key)
        self.render_jinja2_template('notifications/inbox.html', {
            'notifications': notes,
        })


class MarkReadHandler(RequestHandler):
    @login_required
    def post(self):
        user_data = common.current_user_data()
        keys = [ndb.Key(urlsafe=k) for k in self.request.get_all('key')]
        notes = [n for n in ndb.get_multi(keys)
                 if n is not None and n.user == user_data.key]
        for n in notes:
            n.read = True
        ndb.put_multi(notes)
        self.render_json({'marked': len(notes)})
