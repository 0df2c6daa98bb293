"""Site-wide constants.

A couple of older modules pull these in with ``from shared.constants import *``
so keep ``__all__`` up to date when adding names.
"""

__all__ = [
    'SITE_NAME',
    'DEFAULT_PAGE_SIZE',
    'MAX_PAGE_SIZE',
    'POINTS_PER_VIDEO',
    'POINTS_PER_EXERCISE',
    'STREAK_LENGTH_FOR_PROFICIENCY',
    'SECONDS_PER_DAY',
    'MAX_POINTS',
]

SITE_NAME = u'Learnery'

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 200

POINTS_PER_VIDEO = 750
POINTS_PER_EXERCISE = 225
STREAK_LENGTH_FOR_PROFICIENCY = 10

SECONDS_PER_DAY = 24 * 60 * 60

# Points are stored in an IntegerProperty (64 bit); clamp well below that.
MAX_POINTS = 10000000000L

# Permissions for files written by the local dev export scripts.
EXPORT_DIR_MODE = 0755

# Not exported on purpose: only shared.common reads this.
_LEGACY_COOKIE_NAME = 'ureg_id'
