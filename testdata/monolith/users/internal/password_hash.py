"""Password hashing for the (rare) accounts that use passwords."""
import hashlib
import hmac
import os

_ITERATIONS = 20000


def make(password, salt=None):
    if isinstance(password, unicode):
        password = password.encode('utf-8')
    salt = salt or os.urandom(8).encode('hex')
    digest = hashlib.pbkdf2_hmac('sha256', password, salt, _ITERATIONS)
    return 'pbkdf2$%d$%s$%s' % (_ITERATIONS, salt, digest.encode('hex'))


def check(password, stored):
    try:
        scheme, iterations, salt, _ = stored.split('$')
    except ValueError:
        return False
    if scheme != 'pbkdf2' or int(iterations) != _ITERATIONS:
        return False
    return hmac.compare_digest(make(password, salt), stored)
