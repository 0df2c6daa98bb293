"""Errors raised by the users package.

Note: sibling modules import this as a bare ``import exceptions``, which in
Python 2 means users.exceptions, not the builtin exceptions module.
"""


class UserError(Exception):
    pass


class UserNotFound(UserError):
    def __init__(self, user_id):
        UserError.__init__(self, 'no user %r' % (user_id,))
        self.user_id = user_id


class PermissionDenied(UserError):
    pass


class InvalidToken(UserError):
    pass


class UsernameTaken(UserError):
    def __init__(self, username):
        UserError.__init__(self, u'username %s is taken' % username)
        self.username = username
