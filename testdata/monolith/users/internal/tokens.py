"""Short-lived signed tokens (password reset, API auth)."""
import hashlib
import hmac
import time

from shared import config

DEFAULT_TTL = 60 * 60


def _signature(user_id, expires):
    secret = config.get('SECRET_KEY')
    msg = '%s:%d' % (user_id, expires)
    return hmac.new(secret, msg, hashlib.sha1).hexdigest()


def mint(user_id, ttl=DEFAULT_TTL):
    expires = int(time.time()) + ttl
    return '%s:%d:%s' % (user_id, expires, _signature(user_id, expires))


def parse(token):
    """Returns the user_id in the token, or None if it is invalid."""
    try:
        user_id, expires, sig = token.rsplit(':', 2)
        expires = int(expires)
    except ValueError:
        return None
    if expires < time.time():
        return None
    if not hmac.compare_digest(sig, _signature(user_id, expires)):
        return None
    return user_id
