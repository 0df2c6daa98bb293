"""Recording video watching."""
from google.appengine.ext import ndb

from progress import badges
from progress.internal import energy, points, streaks
from progress.models import UserVideo, VideoLog


def get_user_video(user_data, video):
    key = ndb.Key(UserVideo, '%s:%s' % (user_data.user_id, video.youtube_id))
    return key.get()


def record(user_data, video, seconds_watched, last_second):
    key = ndb.Key(UserVideo, '%s:%s' % (user_data.user_id, video.youtube_id))
    user_video = key.get() or UserVideo(key=key, user=user_data.key,
                                        video=video.key)
    previously_completed = user_video.completed
    user_video.seconds_watched += max(0, seconds_watched)
    user_video.last_second_watched = last_second
    user_video.completed = (user_video.seconds_watched >=
                            0.9 * max(video.duration, 1))
    user_video.put()

    earned = energy.video_points(seconds_watched, video.duration)
    log = VideoLog(user_id=user_data.user_id, youtube_id=video.youtube_id,
                   seconds_watched=seconds_watched, points_earned=earned,
                   is_video_completed=user_video.completed)
    log.put()

    if earned:
        points.award(user_data.key, earned, reason='video')
    streaks.record_activity(user_data)
    if user_video.completed and not previously_completed:
        if not badges.has_badge(user_data, 'first-video'):
            badges.award(user_data, 'first-video', context=video.youtube_id)
    return log
