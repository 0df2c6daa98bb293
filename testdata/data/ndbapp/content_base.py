"""Common parent for published content."""

from google.appengine.ext import ndb

from shared import base as shared_base


class ContentItem(shared_base.TimestampedModel):  # model ContentItem abstract
    slug = ndb.StringProperty()
    author_key = ndb.KeyProperty(kind='UserData')  # data: reference ndbapp.models.UserData
    published = ndb.BooleanProperty(default=False)

    @classmethod
    def by_slug(cls, slug):
        return cls.query(cls.slug == slug).get()  # data: read ndbapp.content_base.ContentItem

    def publish(self):
        self.published = True
        self.put()  # data: write ndbapp.content_base.ContentItem
