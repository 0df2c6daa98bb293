"""Content models: videos, the topic tree and polymorphic content items."""
from google.appengine.ext import ndb
from google.appengine.ext.ndb import polymodel

from shared.models_base import BaseModel
from shared import common


class Video(BaseModel):
    # The kind name predates the rename of this class; existing entities
    # (and a lot of GQL in old scripts) use 'YouTubeVideo'.
    @classmethod
    def _get_kind(cls):
        return 'YouTubeVideo'

    youtube_id = ndb.StringProperty(required=True)
    title = ndb.StringProperty(required=True)
    readable_id = ndb.StringProperty()
    description = ndb.TextProperty()
    duration = ndb.IntegerProperty(default=0)
    keywords = ndb.StringProperty(repeated=True)
    topic = ndb.KeyProperty(kind='Topic')
    license_name = ndb.StringProperty(default='cc-by-nc-sa')

    @classmethod
    def get_for_readable_id(cls, readable_id):
        return cls.query(cls.readable_id == readable_id).get()

    @classmethod
    def get_for_youtube_id(cls, youtube_id):
        return ndb.Key(cls, youtube_id).get()

    def url(self):
        return '/video/%s' % self.readable_id


class Topic(BaseModel):
    title = ndb.StringProperty(required=True)
    slug = ndb.StringProperty(required=True)
    description = ndb.TextProperty()
    parent_key = ndb.KeyProperty(kind='Topic')
    child_keys = ndb.KeyProperty(repeated=True)
    hidden = ndb.BooleanProperty(default=False)
    version = ndb.IntegerProperty(default=0)

    @classmethod
    def get_by_slug(cls, slug):
        return cls.query(cls.slug == slug, cls.hidden == False).get()

    @classmethod
    def root(cls):
        return cls.get_or_insert('root', title=u'All content', slug='root')

    def children(self):
        return [c for c in ndb.get_multi(self.child_keys) if c is not None]

    def breadcrumbs(self):
        # late import: breaks cycle with content.topics, which imports
        # content.models at module level.
        from content import topics
        return topics.path_to_root(self)


class ContentItem(polymodel.PolyModel):
    title = ndb.StringProperty(required=True)
    slug = ndb.StringProperty(required=True)
    author_key = ndb.KeyProperty(kind='UserData')
    published = ndb.BooleanProperty(default=False)
    topic = ndb.KeyProperty(kind=Topic)

    def publish(self):
        self.published = True
        self.put()


class Article(ContentItem):
    body_markdown = ndb.TextProperty()

    def summary(self, length=160):
        text = common.to_unicode(self.body_markdown)
        return text[:length] + (u'...' if len(text) > length else u'')


class Scratchpad(ContentItem):
    code = ndb.TextProperty()
    language = ndb.StringProperty(default='pjs')
