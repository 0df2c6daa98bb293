"""JSON helpers that cope with datastore values."""
import datetime

try:
    import simplejson as json
except ImportError:
    import json

from google.appengine.ext import ndb


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.strftime('%Y-%m-%dT%H:%M:%SZ')
        if isinstance(o, datetime.date):
            return o.isoformat()
        if isinstance(o, ndb.Key):
            return o.urlsafe()
        if isinstance(o, ndb.Model):
            return o.to_dict()
        if isinstance(o, set):
            return sorted(o)
        return json.JSONEncoder.default(self, o)


def dumps(obj, pretty=False):
    if pretty:
        return json.dumps(obj, cls=_Encoder, indent=2, sort_keys=True)
    return json.dumps(obj, cls=_Encoder, separators=(',', ':'))


def loads(text):
    if not text:
        return None
    return json.loads(text)
