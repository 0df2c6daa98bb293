"""Cursor-based pagination for ndb queries."""
from google.appengine.datastore.datastore_query import Cursor

from shared import common


class Page(object):
    def __init__(self, items, next_cursor, more):
        self.items = items
        self.next_cursor = next_cursor.urlsafe() if next_cursor else None
        self.more = more

    def to_dict(self, item_to_dict):
        return {
            'items': [item_to_dict(i) for i in self.items],
            'cursor': self.next_cursor,
            'more': self.more,
        }


def paginate(query, request):
    size = common.clamp_page_size(request.get('limit'))
    raw_cursor = request.get('cursor')
    cursor = Cursor(urlsafe=raw_cursor) if raw_cursor else None
    items, next_cursor, more = query.fetch_page(size, start_cursor=cursor)
    return Page(items, next_cursor, more)
