"""Figures out who is making a request."""
import logging

from google.appengine.api import users as gae_users

import sessions
import tokens
from users.models import UserData


def user_data_from_request(request):
    uid = sessions.user_id_from_request(request)
    if uid:
        return UserData.get_from_user_id(uid)
    token = request.headers.get('X-Learnery-Token')
    if token:
        uid = tokens.parse(token)
        if uid is None:
            logging.info('rejected bad API token')
            return None
        return UserData.get_from_user_id(uid)
    google_user = gae_users.get_current_user()
    if google_user is not None:
        return UserData.get_from_user_id(google_user.user_id())
    return None


def is_admin(user_data):
    return user_data is not None and gae_users.is_current_user_admin()


def can_view_student(viewer, student):
    if viewer is None or student is None:
        return False
    if viewer.key == student.key:
        return True
    return student.is_coached_by(viewer) or is_admin(viewer)


def login(response, user_data):
    sessions.write(response, {'uid': user_data.user_id})
    user_data.record_login()
