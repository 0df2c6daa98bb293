"""A UTC tzinfo, since Python 2.7 does not ship one."""
import datetime

_ZERO = datetime.timedelta(0)


class _UTC(datetime.tzinfo):
    def utcoffset(self, dt):
        return _ZERO

    def dst(self, dt):
        return _ZERO

    def tzname(self, dt):
        return 'UTC'

    def __repr__(self):
        return '<UTC>'


UTC = _UTC()


def as_utc(dt):
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)
