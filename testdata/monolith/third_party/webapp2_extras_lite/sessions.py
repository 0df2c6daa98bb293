"""Signed cookie sessions."""
import base64
import hashlib
import hmac
import json
import time


class SecureCookie(object):
    def __init__(self, secret, max_age=86400 * 30):
        self.secret = secret
        self.max_age = max_age

    def _sign(self, payload, ts):
        msg = '%s|%d' % (payload, ts)
        return hmac.new(self.secret, msg, hashlib.sha256).hexdigest()

    def serialize(self, data):
        payload = base64.urlsafe_b64encode(json.dumps(data))
        ts = int(time.time())
        return '%s|%d|%s' % (payload, ts, self._sign(payload, ts))

    def deserialize(self, value):
        try:
            payload, ts, sig = value.split('|')
            ts = int(ts)
        except ValueError:
            return None
        if not hmac.compare_digest(sig, self._sign(payload, ts)):
            return None
        if time.time() - ts > self.max_age:
            return None
        return json.loads(base64.urlsafe_b64decode(payload))
