"""Base classes for datastore models.

Every new ndb model should derive from BaseModel so that it gets the
audit timestamps and the ``get_or_404`` helper.
"""
import logging

from google.appengine.ext import db
from google.appengine.ext import ndb


class BaseModel(ndb.Model):
    created = ndb.DateTimeProperty(auto_now_add=True)
    updated = ndb.DateTimeProperty(auto_now=True)

    @classmethod
    def get_or_404(cls, key_id):
        entity = cls.get_by_id(key_id)
        if entity is None:
            import webapp2
            logging.info('%s %r not found', cls.__name__, key_id)
            webapp2.abort(404)
        return entity

    @classmethod
    def fetch_page_ordered(cls, order_prop, page_size, cursor=None):
        q = cls.query().order(-order_prop)
        return q.fetch_page(page_size, start_cursor=cursor)

    def to_public_dict(self, exclude=()):
        d = self.to_dict(exclude=list(exclude))
        d['id'] = self.key.id() if self.key else None
        return d


class BaseDbModel(db.Model):
    """For the handful of models still on the old db API."""
    created = db.DateTimeProperty(auto_now_add=True)

    def id_or_name(self):
        return self.key().id_or_name()
