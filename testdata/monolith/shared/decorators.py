"""Decorators for request handler methods."""
import functools

from google.appengine.api import users as gae_users

from shared import common


def login_required(method):
    @functools.wraps(method)
    def wrapper(handler, *args, **kwargs):
        if common.current_user_data() is None:
            return handler.redirect('/login?continue=%s' % handler.request.path)
        return method(handler, *args, **kwargs)
    return wrapper


def admin_required(method):
    @functools.wraps(method)
    def wrapper(handler, *args, **kwargs):
        if not gae_users.is_current_user_admin():
            handler.abort(403)
        return method(handler, *args, **kwargs)
    return wrapper


def json_errors(method):
    @functools.wraps(method)
    def wrapper(handler, *args, **kwargs):
        try:
            return method(handler, *args, **kwargs)
        except ValueError, e:
            handler.render_json({'error': unicode(e)}, status=400)
    return wrapper
