"""Turns domain events into notifications."""
import logging

from notifications import push
from notifications import taskqueue_util
from notifications.models import Notification
from notifications import preferences
import progress.badges  # module-level cycle: progress.badges imports us


def badge_earned(user_data, user_badge):
    badge = progress.badges.badge_definitions.get(user_badge.badge_name)
    note = Notification(user=user_data.key, kind='badge')
    note.badge_name = user_badge.badge_name
    note.points = user_badge.points_earned
    note.put()
    if preferences.for_user_key(user_data.key).email_badges and user_data.email:
        taskqueue_util.enqueue_email(user_data.email, 'badge',
                                     {'badge': badge.description},
                                     badge=badge.description)
    push.send(user_data.key, u'New badge!', badge.description)


def coach_request_received(student_data, coach_data):
    note = Notification(user=student_data.key, kind='coach_request')
    note.coach_email = coach_data.email
    note.put()
    if preferences.for_user_key(student_data.key).email_coach_requests:
        taskqueue_util.enqueue_email(student_data.email, 'coach_request',
                                     {'coach': coach_data.display_name()},
                                     coach=coach_data.display_name())
    logging.info('coach request %s -> %s', coach_data.user_id,
                 student_data.user_id)


def recent_badges_for(user_data):
    return [b.badge_name for b in progress.badges.badges_for(user_data)[:5]]
