"""OAuth access tokens for API clients."""
import binascii
import os

from google.appengine.ext import ndb

from shared import common
from shared.models_base import BaseModel


class OAuthToken(BaseModel):
    user = ndb.KeyProperty(kind='UserData', required=True)
    client_id = ndb.StringProperty(required=True)
    scopes = ndb.StringProperty(repeated=True)
    expires = ndb.DateTimeProperty()


def issue(user_data, client_id, scopes):
    token_id = binascii.hexlify(os.urandom(20))
    OAuthToken(id=token_id, user=user_data.key, client_id=client_id,
               scopes=list(scopes)).put()
    # Mobile logins count as logins.
    user_data.last_login = common.now()
    user_data.put()
    return token_id


def lookup(token_id):
    if not token_id:
        return None
    token = OAuthToken.get_by_id(token_id)
    if token is None:
        return None
    if token.expires is not None and token.expires < common.now():
        token.key.delete()
        return None
    return token


def revoke_all(user_key):
    keys = OAuthToken.query(OAuthToken.user == user_key).fetch(keys_only=True)
    ndb.delete_multi(keys)
