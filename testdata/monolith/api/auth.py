"""Who is calling the API."""
from api import errors
from api.internal import oauth
from users import api as users_api


def user_from_request(request):
    header = request.headers.get('Authorization', '')
    if header.startswith('Bearer '):
        token = oauth.lookup(header[len('Bearer '):].strip())
        if token is None:
            raise errors.Unauthorized('invalid or expired token')
        return token.user.get()
    return users_api.current(request)


def require_user(request):
    user_data = user_from_request(request)
    if user_data is None:
        raise errors.Unauthorized('login required')
    return user_data
