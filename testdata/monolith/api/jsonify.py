"""Serialising API responses.

Uses the standard library json (not third_party.simplejson) because the
API needs ``ensure_ascii=False`` which the vendored stub does not support.
"""
from __future__ import absolute_import

import datetime
import json

from google.appengine.ext import db
from google.appengine.ext import ndb


def _default(o):
    if isinstance(o, datetime.datetime):
        return o.isoformat() + 'Z'
    if isinstance(o, ndb.Key):
        return o.urlsafe()
    if isinstance(o, ndb.Model):
        d = o.to_dict()
        d['key'] = o.key.urlsafe() if o.key else None
        return d
    if isinstance(o, db.Model):
        return dict((p, getattr(o, p)) for p in o.properties())
    raise TypeError(repr(o))


def dumps(obj):
    return json.dumps(obj, default=_default, ensure_ascii=False)


def respond(handler, obj, status=200):
    handler.response.status_int = status
    handler.response.headers['Content-Type'] = 'application/json; charset=utf-8'
    handler.response.write(dumps(obj))
