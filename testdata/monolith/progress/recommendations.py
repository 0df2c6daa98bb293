"""What should the student do next?"""
from content.models import Video
from exercises.models import ExerciseVideo
from progress import mastery
from progress.models import UserVideo


def next_videos(user_data, limit=3):
    picks = []
    for exercise in mastery.suggested_exercises(user_data, limit=limit):
        links = ExerciseVideo.query(
            ExerciseVideo.exercise == exercise.key).fetch(2)
        for link in links:
            video = link.video.get()
            if video is None:
                continue
            watched = UserVideo.get_by_id('%s:%s' % (user_data.user_id,
                                                     video.youtube_id))
            if watched is None or not watched.completed:
                picks.append(video)
    return picks[:limit]


def popular_videos(limit=5):
    return Video.query().order(-Video.created).fetch(limit)
