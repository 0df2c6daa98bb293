"""Login, logout and profile pages."""
from google.appengine.api import users as gae_users

from shared import common
from shared.request_handler import RequestHandler
from users import api
from users import templatetags
from users.internal import auth, sessions
from users.models import UserData


class LoginPage(RequestHandler):
    def get(self):
        cont = self.request.get('continue', '/')
        self.redirect(gae_users.create_login_url('/postlogin?continue=' + cont))


class PostLoginHandler(RequestHandler):
    def get(self):
        google_user = gae_users.get_current_user()
        if google_user is None:
            return self.redirect('/login')
        user_data = UserData.insert_for(google_user.user_id(),
                                        google_user.email())
        auth.login(self.response, user_data)
        self.redirect(self.request.get('continue', '/'))


class LogoutPage(RequestHandler):
    def get(self):
        sessions.clear(self.response)
        self.redirect(gae_users.create_logout_url('/'))


class ProfilePage(RequestHandler):
    def get(self, username):
        profile = UserData.get_from_username(username)
        if profile is None:
            self.abort(404)
        viewer = api.current(self.request)
        self.render_jinja2_template('users/profile.html', {
            'profile': api.public_profile(profile),
            'badge_html': templatetags.user_badge_html(profile),
            'is_self': viewer is not None and viewer.key == profile.key,
            'joined': common.dates.pretty_delta(profile.created),
        })
