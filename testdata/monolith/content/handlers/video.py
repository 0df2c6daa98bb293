"""The video page."""
import models
from ..models import Video
from progress import video_log
from shared import common
from shared.request_handler import RequestHandler


class VideoPage(RequestHandler):
    def get(self, slug):
        video = Video.get_for_readable_id(slug)
        if video is None:
            self.abort(404)
        user_data = common.current_user_data()
        progress = None
        if user_data is not None:
            progress = video_log.get_user_video(user_data, video)
        view = models.VideoViewModel(video, progress)
        self.render_jinja2_template('content/video.html', {
            'video': view,
            'user_data': user_data,
        })


class VideoProgressHandler(RequestHandler):
    """Called by the player every 30 seconds while a video plays."""

    def post(self, slug):
        user_data = common.current_user_data()
        video = Video.get_for_readable_id(slug)
        if user_data is None or video is None:
            return self.render_json({'ok': False}, status=404)
        seconds = self.request_int('seconds_watched')
        last_second = self.request_int('last_second_watched')
        log = video_log.record(user_data, video, seconds, last_second)
        self.render_json({'ok': True, 'points': log.points_earned})
