"""Badge awarding."""
import logging

import notifications.triggers
from progress import badge_definitions
from progress.internal import energy, points
from progress.models import UserBadge


def has_badge(user_data, badge_name):
    return UserBadge.query(UserBadge.user == user_data.key,
                           UserBadge.badge_name == badge_name).get() is not None


def award(user_data, badge_name, context=None):
    badge = badge_definitions.get(badge_name)
    if badge is None:
        raise KeyError(badge_name)
    times = UserBadge.query(UserBadge.user == user_data.key,
                            UserBadge.badge_name == badge_name).count()
    if times and not badge.repeatable:
        return None
    earned = energy.badge_points(badge.points, times)
    user_badge = UserBadge(user=user_data.key, badge_name=badge_name,
                           target_context=context, points_earned=earned)
    user_badge.put()
    points.award(user_data.key, earned, reason='badge:' + badge_name)
    notifications.triggers.badge_earned(user_data, user_badge)
    logging.info('%s earned %s', user_data.user_id, badge_name)
    return user_badge


def badges_for(user_data):
    return UserBadge.query(UserBadge.user == user_data.key).order(
        -UserBadge.created).fetch(100)
