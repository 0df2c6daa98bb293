"""/api/v1/topictree and /api/v1/videos endpoints."""
from __future__ import absolute_import

from api import errors, serializers
from api.decorators import api_method
from content.internal import tree_cache
from content.models import Video
from content import search
from shared.request_handler import RequestHandler


class TopicTreeApi(RequestHandler):
    @api_method
    def get(self):
        return tree_cache.get_tree()


class VideoApi(RequestHandler):
    @api_method
    def get(self, readable_id):
        video = Video.get_for_readable_id(readable_id)
        if video is None:
            raise errors.NotFound('no video %s' % readable_id)
        return serializers.video(video)


class SearchApi(RequestHandler):
    @api_method
    def get(self):
        results = search.query(self.request.get('q'), limit=20)
        return [{'id': r.doc_id} for r in results]
