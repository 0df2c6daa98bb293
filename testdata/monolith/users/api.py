"""Public interface of the users package.

Everything here is fair game for other packages; users.internal is not.
"""
import internal.auth
import exceptions
import models
from shared import common


def current(request):
    return internal.auth.user_data_from_request(request)


def require(request):
    user_data = current(request)
    if user_data is None:
        raise exceptions.PermissionDenied('login required')
    return user_data


def get_by_user_id(user_id):
    user_data = models.UserData.get_from_user_id(user_id)
    if user_data is None:
        raise exceptions.UserNotFound(user_id)
    return user_data


def get_by_email(email):
    return (models.UserData.get_from_email(email) or
            models.UserAlias.resolve(email))


def can_view(viewer, student):
    return internal.auth.can_view_student(viewer, student)


def public_profile(user_data):
    return common.dict_without_none({
        'username': user_data.username,
        'nickname': user_data.display_name(),
        'avatar': user_data.avatar_name,
        'points': user_data.points,
    })
