"""Home page and topic pages."""
from .. import topics
from ..models import Topic
from ..internal import tree_cache
from . import models as view_models
from shared.request_handler import RequestHandler


class HomePage(RequestHandler):
    def get(self):
        self.render_jinja2_template('content/home.html', {
            'tree': tree_cache.get_tree(),
        })


class TopicPage(RequestHandler):
    def get(self, topic_slug):
        topic = Topic.get_by_slug(topic_slug)
        if topic is None:
            self.abort(404)
        view = view_models.TopicViewModel(topic, topic.children(),
                                          topics.videos_in(topic))
        self.render_jinja2_template('content/topic.html', {
            'topic': view,
            'breadcrumbs': [(t.title, t.slug) for t in topic.breadcrumbs()],
        })
