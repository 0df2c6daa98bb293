"""Content admin tools."""
from shared.decorators import admin_required
from shared.request_handler import RequestHandler
from content import (
    models,
    publish,
    search,
    topics,
)


class PublishPage(RequestHandler):
    @admin_required
    def get(self):
        root = models.Topic.root()
        self.render_jinja2_template('content/admin_publish.html', {
            'version': root.version,
            'topics': list(topics.walk(root)),
        })

    @admin_required
    def post(self):
        version = publish.publish_topic_version()
        search.reindex_all()
        self.redirect('/admin/content/publish?published=%d' % version)


class EditVideoPage(RequestHandler):
    @admin_required
    def post(self, youtube_id):
        video = models.Video.get_by_id(youtube_id)
        if video is None:
            self.abort(404)
        video.title = self.request.get('title') or video.title
        video.description = self.request.get('description')
        video.keywords = [k.strip() for k in
                          self.request.get('keywords', '').split(',')
                          if k.strip()]
        video.put()
        self.redirect(video.url())
