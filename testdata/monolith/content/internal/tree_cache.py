"""Serialised topic tree kept in memcache for the topic pages and the API."""
from content import models
from content import topics
from shared import common
from shared import memcache_util

_NAMESPACE = 'topic-tree'


def _key():
    return common.cache_key('tree', models.Topic.root().version)


def _serialize(topic):
    return {
        'slug': topic.slug,
        'title': topic.title,
        'children': [_serialize(c) for c in topic.children()
                     if isinstance(c, models.Topic) and not c.hidden],
        'videos': [v.readable_id for v in topics.videos_in(topic)],
    }


def get_tree():
    tree = memcache_util.get(_key(), namespace=_NAMESPACE)
    if tree is None:
        tree = _serialize(models.Topic.root())
        memcache_util.set(_key(), tree, namespace=_NAMESPACE)
    return tree


def invalidate():
    memcache_util.delete(_key(), namespace=_NAMESPACE)
