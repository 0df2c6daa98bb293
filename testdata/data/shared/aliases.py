"""Short names for base classes, so apps do not depend on their location."""

from google.appengine.ext import ndb as _ndb

from shared.base import TimestampedModel

BaseAlias = TimestampedModel
NdbExpando = _ndb.Expando

__all__ = ['BaseAlias', 'NdbExpando']
