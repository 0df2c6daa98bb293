"""View models: plain objects the content templates render.

Not datastore models -- those live in content/models.py.
"""
from content import license
from shared import common, dates


class VideoViewModel(object):
    def __init__(self, video, progress=None):
        self.title = video.title
        self.readable_id = video.readable_id
        self.youtube_id = video.youtube_id
        self.description = common.to_unicode(video.description)
        self.duration = video.duration
        self.license = license.describe(video.license_name)
        self.seconds_watched = progress.seconds_watched if progress else 0
        self.completed = bool(progress and progress.completed)

    def percent_watched(self):
        if not self.duration:
            return 0
        return min(100, int(100.0 * self.seconds_watched / self.duration))


class TopicViewModel(object):
    def __init__(self, topic, children, videos):
        self.title = topic.title
        self.slug = topic.slug
        self.children = [(c.title, c.slug) for c in children]
        self.videos = [VideoViewModel(v) for v in videos]
        self.updated = dates.pretty_delta(topic.updated) if topic.updated else ''


class ArticleViewModel(object):
    def __init__(self, article, html):
        self.title = article.title
        self.slug = article.slug
        self.html = html
