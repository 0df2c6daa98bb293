"""Who may see which student's data."""
from users.internal.auth import can_view_student, is_admin

from coaches.models import StudentList


def can_view_list(coach_data, student_list):
    if coach_data is None:
        return False
    return coach_data.key in student_list.coaches or is_admin(coach_data)


def filter_viewable(coach_data, students):
    return [s for s in students if can_view_student(coach_data, s)]


def lists_visible_to(coach_data):
    return [l for l in StudentList.for_coach(coach_data)
            if can_view_list(coach_data, l)]
