"""Class reports for coaches."""
import logging

from google.appengine.ext import db

from coaches import class_stats
from coaches.models import StudentList
from progress import summary
from users.internal import auth
from users.models import UserData


def students_for_coach_gql(coach_email):
    # Legacy path, kept for the CSV export which pages with offsets.
    return db.GqlQuery("SELECT * FROM UserData WHERE coaches = :1",
                       coach_email).fetch(1000)


def class_report(viewer, list_id):
    student_list = StudentList.get_by_id(list_id)
    if student_list is None:
        return None
    students = UserData.query(
        UserData.student_lists == student_list.key).fetch(500)
    visible = [s for s in students if auth.can_view_student(viewer, s)]
    if len(visible) < len(students):
        logging.warning('%s can only see %d of %d students', viewer.user_id,
                        len(visible), len(students))
    proficiency = class_stats.proficiency_counts(visible)
    return {
        'list': student_list.name,
        'students': [{
            'name': s.display_name(),
            'points': s.points,
            'proficient': proficiency.get(s.user_id, 0),
            'exercise_counts': summary.exercise_counts(s.user_id),
        } for s in visible],
    }
