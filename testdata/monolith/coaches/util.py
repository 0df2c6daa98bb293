"""Coach helpers."""
from shared import common
from users import api as users_api


def students_of(coach_data, limit=1000):
    # imported lazily: only the dashboard needs the full query
    from users.models import UserData
    return UserData.query(UserData.coaches == coach_data.email).fetch(limit)


def find_student(raw_email):
    email = common.to_unicode(raw_email).strip().lower()
    if not email:
        return None
    return users_api.get_by_email(email)


def display_list(students):
    return sorted((s.display_name(), s.user_id) for s in students)
