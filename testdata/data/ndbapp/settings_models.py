"""Site settings and per-user preferences."""

from google.appengine.ext import ndb as _ndb

from shared import aliases
from shared.serializers import SerializableMixin


class Setting(SerializableMixin, _ndb.Model):  # model Setting
    value = _ndb.JsonProperty()

    @classmethod
    def lookup(cls, name, default=None):
        entity = cls.get_by_id(name)  # data: read ndbapp.settings_models.Setting
        if entity is None:
            return default
        return entity.value

    def to_dict(self):
        return {'name': self.key.id(), 'value': self.value}


class Preferences(aliases.NdbExpando):  # model Preferences
    theme = _ndb.StringProperty(default='light')


GLOBAL_SETTINGS_KEY = _ndb.Key(Setting, 'global')  # data: reference ndbapp.settings_models.Setting


def store_setting(name, value):
    _ndb.Key(Setting, name).delete()  # data: write ndbapp.settings_models.Setting
    Setting(id=name, value=value).put()  # data: write ndbapp.settings_models.Setting


def preferences_for(user_id):
    prefs = Preferences.get_or_insert(user_id)  # data: write ndbapp.settings_models.Preferences
    return prefs
