"""Full text search over videos and articles."""
import logging

from google.appengine.api import search

from content.models import Video, Article
from shared import common

INDEX_NAME = 'content-v2'


def _index():
    return search.Index(name=INDEX_NAME)


def document_for_video(video):
    return search.Document(
        doc_id='v:' + video.youtube_id,
        fields=[
            search.TextField(name='title', value=video.title),
            search.TextField(name='description', value=video.description or ''),
            search.AtomField(name='kind', value='video'),
        ])


def document_for_article(article):
    return search.Document(
        doc_id='a:%s' % article.key.id(),
        fields=[
            search.TextField(name='title', value=article.title),
            search.TextField(name='body', value=article.body_markdown or ''),
            search.AtomField(name='kind', value='article'),
        ])


def reindex_all():
    docs = [document_for_video(v) for v in Video.query()]
    docs += [document_for_article(a) for a in
             Article.query(Article.published == True)]
    for batch in common.chunks(docs, 200):
        _index().put(batch)
    logging.info('reindexed %d documents', len(docs))


def query(text, limit=20):
    try:
        return _index().search(search.Query(
            query_string=text,
            options=search.QueryOptions(limit=limit)))
    except search.QueryError, e:
        logging.warning('bad search query %r: %s', text, e)
        return []
