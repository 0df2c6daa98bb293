"""Coach requests: a coach asks, the student accepts or declines."""
import logging

from google.appengine.ext import ndb

from coaches import class_stats, util
from coaches.models import CoachRequest
from notifications import triggers
from shared import common


def request_coaching(coach_data, student_email, message=None):
    student = util.find_student(student_email)
    if student is None:
        return None
    req = CoachRequest(key=CoachRequest.key_for(coach_data, student),
                       coach=coach_data.key, student=student.key,
                       message=common.to_unicode(message))
    req.put()
    triggers.coach_request_received(student, coach_data)
    return req


def accept(student_data, coach_user_id):
    coach_key = ndb.Key('UserData', coach_user_id)
    req = CoachRequest.query(CoachRequest.student == student_data.key,
                             CoachRequest.coach == coach_key).get()
    if req is None:
        return False
    class_stats.add_student(coach_key.get(), student_data)
    req.key.delete()
    logging.info('%s accepted coach %s', student_data.user_id, coach_user_id)
    return True


def decline(student_data, coach_data):
    CoachRequest.key_for(coach_data, student_data).delete()
