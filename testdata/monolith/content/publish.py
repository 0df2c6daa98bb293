"""Publishing workflow for articles and topic-tree edits."""
import logging

from google.appengine.ext import ndb

from content import models
from content import search
from content import slugs
from content.internal import tree_cache
from shared import transactions


def create_article(author_data, title, body, topic):
    slug = slugs.unique_readable_id(
        title, lambda s: models.Article.query(models.Article.slug == s).get())
    article = models.Article(title=title, slug=slug, body_markdown=body,
                             author_key=author_data.key, topic=topic.key)
    article.put()
    return article


@transactions.transactional_xg
def publish_article(article_id):
    article = models.Article.get_by_id(article_id)
    if article is None:
        raise ValueError('no article %s' % article_id)
    article.published = True
    article.put()
    return article


def publish_topic_version():
    root = models.Topic.root()
    root.version += 1
    root.put()
    tree_cache.invalidate()
    logging.info('published topic tree version %d', root.version)
    return root.version


def unpublish(slug):
    item = models.ContentItem.query(models.ContentItem.slug == slug).get()
    if item is None:
        return False
    item.published = False
    item.put()
    search._index().delete(['a:%s' % item.key.id()])
    return True


def delete_video(youtube_id):
    ndb.Key('YouTubeVideo', youtube_id).delete()
    tree_cache.invalidate()
