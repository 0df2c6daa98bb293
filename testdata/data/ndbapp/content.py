"""Articles, videos and playlists."""

from google.appengine.ext import ndb

from ndbapp.content_base import ContentItem
from shared.aliases import BaseAlias


class Article(ContentItem):  # model Article
    body = ndb.TextProperty()
    word_count = ndb.IntegerProperty()


class Video(ContentItem):  # model Video
    youtube_id = ndb.StringProperty()
    duration_seconds = ndb.IntegerProperty()


class Playlist(BaseAlias):  # model Playlist
    label = ndb.StringProperty()
    video_keys = ndb.KeyProperty(kind='Video', repeated=True)  # data: reference ndbapp.content.Video


class ArticleRenderer(object):
    """Turns an article body into HTML paragraphs."""

    def __init__(self, article):
        self.article = article

    def paragraphs(self):
        return [p.strip() for p in (self.article.body or '').split('\n\n') if p.strip()]

    def render(self):
        return ''.join('<p>%s</p>' % p for p in self.paragraphs())
