"""Adding/removing students and class-level statistics.

Note: this writes UserData.coaches and UserData.student_lists directly.
"""
import logging

from google.appengine.ext import ndb

from coaches.models import StudentList
from progress.models import UserExercise
from users.models import UserData


def add_student(coach_data, student_data, student_list=None):
    if coach_data.email not in student_data.coaches:
        student_data.coaches.append(coach_data.email)
    if student_list is not None and \
            student_list.key not in student_data.student_lists:
        student_data.student_lists.append(student_list.key)
    student_data.put()


def remove_student(coach_data, student_id):
    student = UserData.get_by_id(student_id)
    if student is None:
        return False
    student.coaches = [c for c in student.coaches if c != coach_data.email]
    student.put()
    return True


def move_list_to(student_list, students, new_list):
    changed = []
    for s in students:
        s.student_lists = [k for k in s.student_lists if k != student_list.key]
        s.student_lists.append(new_list.key)
        changed.append(s)
    ndb.put_multi(changed)
    logging.info('moved %d students to list %s', len(changed), new_list.name)


def archive_list(list_id):
    student_list = ndb.Key(StudentList, list_id).get()
    student_list.archived = True
    student_list.put()


def proficiency_counts(students):
    counts = {}
    for s in students:
        counts[s.user_id] = len([ue for ue in UserExercise.for_user(s)
                                 if ue.proficient_date is not None])
    return counts
