"""Decorators for API handler methods."""
import functools
import logging

from api import errors, jsonify
from api.internal import rate_limit


def api_method(fn):
    @functools.wraps(fn)
    def wrapper(handler, *args, **kwargs):
        client = handler.request.headers.get('X-Client-Id',
                                             handler.request.remote_addr)
        try:
            if not rate_limit.hit(client):
                raise errors.RateLimited('slow down')
            result = fn(handler, *args, **kwargs)
        except errors.ApiError, e:
            return jsonify.respond(handler, e.to_dict(), status=e.status)
        except Exception:
            logging.exception('API method %s failed', fn.__name__)
            return jsonify.respond(handler, {'error': 'internal'}, status=500)
        return jsonify.respond(handler, result)
    return wrapper
