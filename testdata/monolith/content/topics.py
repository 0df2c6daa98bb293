"""Topic tree traversal."""
import logging

from google.appengine.ext import ndb

import models
from shared import common


def path_to_root(topic):
    path = []
    seen = set()
    while topic is not None and topic.key not in seen:
        seen.add(topic.key)
        path.append(topic)
        topic = topic.parent_key.get() if topic.parent_key else None
    path.reverse()
    return path


def walk(topic, depth=0, max_depth=8):
    yield topic, depth
    if depth >= max_depth:
        logging.warning('topic tree deeper than %d at %s', max_depth, topic.slug)
        return
    for child in topic.children():
        if isinstance(child, models.Topic):
            for item in walk(child, depth + 1, max_depth):
                yield item


def add_child(parent, child):
    if child.key not in parent.child_keys:
        parent.child_keys.append(child.key)
    child.parent_key = parent.key
    parent.version += 1
    ndb.put_multi([parent, child])


@common.cached(expiration=600)
def all_topic_slugs():
    return [t.slug for t in models.Topic.query(models.Topic.hidden == False)]


def videos_in(topic):
    return models.Video.query(models.Video.topic == topic.key).fetch(200)
