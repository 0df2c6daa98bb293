"""API error types and their HTTP status codes."""


class ApiError(Exception):
    status = 400

    def __init__(self, message, **details):
        Exception.__init__(self, message)
        self.details = details

    def to_dict(self):
        d = {'error': self.__class__.__name__, 'message': unicode(self)}
        d.update(self.details)
        return d


class Unauthorized(ApiError):
    status = 401


class Forbidden(ApiError):
    status = 403


class NotFound(ApiError):
    status = 404


class RateLimited(ApiError):
    status = 429
