"""/api/v1/user endpoints."""
from __future__ import absolute_import

from api import auth, serializers
from api.decorators import api_method
from shared.request_handler import RequestHandler
from users import util as user_util
from users.exceptions import UsernameTaken
from users.internal import tokens


class UserApi(RequestHandler):
    @api_method
    def get(self):
        return serializers.user(auth.require_user(self.request))


class UsernameApi(RequestHandler):
    @api_method
    def post(self):
        user_data = auth.require_user(self.request)
        try:
            name = user_util.claim_username(user_data,
                                            self.request.get('username'))
        except UsernameTaken, e:
            return {'ok': False, 'error': unicode(e)}
        return {'ok': True, 'username': name}


class ApiTokenApi(RequestHandler):
    @api_method
    def post(self):
        user_data = auth.require_user(self.request)
        return {'token': tokens.mint(user_data.user_id)}
