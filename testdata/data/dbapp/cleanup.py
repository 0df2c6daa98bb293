"""Clean-up jobs for forum data."""

from google.appengine.ext import db as gdb

from dbapp.models import Feedback, LegacyTopic, Profile


def topics_named(heading):
    return gdb.GqlQuery("SELECT * FROM Topic WHERE heading = :1", heading).fetch(50)  # data: read dbapp.models.LegacyTopic


def count_ghosts():
    return gdb.GqlQuery("SELECT __key__ FROM Ghost").count()  # data: read kind:Ghost


def drop_topics(topic_ids):
    stale = []
    for tid in topic_ids:
        topic = LegacyTopic.get_by_id(tid)  # data: read dbapp.models.LegacyTopic
        if topic is not None:
            stale.append(topic)
    gdb.delete(stale)  # data: write dbapp.models.LegacyTopic
    return len(stale)


def merge_profiles(keep_id, drop_id):
    keep = Profile.get_by_id(keep_id)  # data: read dbapp.models.Profile
    drop = Profile.get_by_id(drop_id)  # data: read dbapp.models.Profile
    keep.karma += drop.karma
    note = Feedback(author=keep, message='merged profile %s' % drop_id)
    gdb.put([keep, note])  # data: write dbapp.models.Profile ; write dbapp.models.Feedback
    drop.delete()  # data: write dbapp.models.Profile


def unresolved(limit=100):
    return Feedback.all().filter('resolved =', False).fetch(limit)  # data: read dbapp.models.Feedback
