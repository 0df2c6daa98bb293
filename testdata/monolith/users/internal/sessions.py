"""Session cookie handling."""
from third_party.webapp2_extras_lite import sessions as lite_sessions

from shared import config

COOKIE_NAME = 'lrn_session'


def _cookie():
    return lite_sessions.SecureCookie(config.get('SECRET_KEY'))


def read(request):
    value = request.cookies.get(COOKIE_NAME)
    if not value:
        return {}
    return _cookie().deserialize(value) or {}


def write(response, data):
    response.set_cookie(COOKIE_NAME, _cookie().serialize(data),
                        httponly=True, secure=not config.is_dev_server())


def clear(response):
    response.delete_cookie(COOKIE_NAME)


def user_id_from_request(request):
    return read(request).get('uid')
