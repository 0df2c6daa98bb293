"""Date helpers. Everything is naive UTC, like the datastore."""
import calendar
import datetime
import time

from shared.constants import SECONDS_PER_DAY


def utcnow():
    return datetime.datetime.utcnow()


def to_timestamp(dt):
    if dt is None:
        return None
    return calendar.timegm(dt.utctimetuple())


def from_timestamp(ts):
    return datetime.datetime.utcfromtimestamp(float(ts))


def days_between(earlier, later):
    delta = later - earlier
    return delta.days + (delta.seconds / float(SECONDS_PER_DAY))


def start_of_day(dt):
    return datetime.datetime(dt.year, dt.month, dt.day)


def start_of_week(dt):
    day = start_of_day(dt)
    return day - datetime.timedelta(days=day.weekday())


def pretty_delta(dt, now=None):
    now = now or utcnow()
    seconds = int(time.mktime(now.timetuple()) - time.mktime(dt.timetuple()))
    if seconds < 60:
        return 'just now'
    if seconds < 3600:
        return '%d minutes ago' % (seconds / 60)
    if seconds < SECONDS_PER_DAY:
        return '%d hours ago' % (seconds / 3600)
    return '%d days ago' % (seconds / SECONDS_PER_DAY)
