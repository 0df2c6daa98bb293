"""Model -> dict conversion for API responses."""
from content.models import Video, Topic
from exercises.models import Exercise
from progress.models import UserExercise, UserBadge
from users import api as users_api


def video(v):
    # type: (Video) -> dict
    return {'youtube_id': v.youtube_id, 'title': v.title,
            'readable_id': v.readable_id, 'duration': v.duration}


def topic(t, include_children=False):
    # type: (Topic, bool) -> dict
    d = {'slug': t.slug, 'title': t.title}
    if include_children:
        d['children'] = [c.slug for c in t.children()]
    return d


def exercise(e):
    # type: (Exercise) -> dict
    return {'name': e.name, 'display_name': e.display_name,
            'prerequisites': e.prerequisites}


def user_exercise(ue):
    # type: (UserExercise) -> dict
    return {'exercise': ue.exercise, 'streak': ue.streak,
            'proficient': ue.proficient_date is not None}


def badge(ub):
    # type: (UserBadge) -> dict
    return {'name': ub.badge_name, 'points': ub.points_earned,
            'earned': ub.created}


def user(user_data):
    return users_api.public_profile(user_data)
