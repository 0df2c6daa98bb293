"""Avatar catalogue and selection."""
from shared import common
from users import models

AVATARS = [
    ('leaf-green', 0),
    ('leaf-blue', 0),
    ('seed', 5000),
    ('sapling', 25000),
    ('tree', 100000),
    ('forest', 500000),
]


def available_for(points):
    return [name for name, required in AVATARS if points >= required]


def set_avatar(user_data, name):
    if name not in available_for(user_data.points):
        raise ValueError('avatar %s is locked' % name)
    fresh = models.UserData.get_by_id(user_data.key.id())
    fresh.avatar_name = name
    fresh.put()
    return fresh


def avatar_url(name):
    return common.absolute_url('/images/avatars/%s.png' % name)
