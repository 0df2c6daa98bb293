"""Tiny schema helpers for JSON payloads. Nothing here is persisted."""

import json


class Model(object):
    """Describes the shape of a JSON document."""

    fields = ()

    def __init__(self, **values):
        self.values = dict((name, values.get(name)) for name in self.fields)

    def to_dict(self):
        return dict(self.values)


class UserSerializer(Model):
    fields = ('user_id', 'nickname', 'points')


class SerializableMixin(object):
    """Mixed into entities that are exported as JSON."""

    def to_json(self):
        return json.dumps(self.to_dict(), sort_keys=True, default=str)
