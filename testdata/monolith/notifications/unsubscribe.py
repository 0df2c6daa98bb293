"""One-click unsubscribe links in emails."""
from notifications import preferences
from shared.request_handler import RequestHandler
from users.internal import tokens
from users.models import UserData


def unsubscribe_url(user_data, kind):
    return '/notifications/unsubscribe?kind=%s&t=%s' % (
        kind, tokens.mint(user_data.user_id, ttl=60 * 60 * 24 * 30))


class UnsubscribeHandler(RequestHandler):
    def get(self):
        user_id = tokens.parse(self.request.get('t'))
        if user_id is None:
            self.abort(400)
        user_data = UserData.get_from_user_id(user_id)
        kind = self.request.get('kind')
        field = {'badge': 'email_badges',
                 'coach_request': 'email_coach_requests',
                 'digest': 'weekly_digest'}.get(kind)
        if field is None or user_data is None:
            self.abort(400)
        preferences.update(user_data.key, **{field: False})
        self.render_jinja2_template('notifications/unsubscribed.html',
                                    {'kind': kind})
