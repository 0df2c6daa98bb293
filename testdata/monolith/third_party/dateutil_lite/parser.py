"""ISO-8601 subset parser."""
import datetime
import re

_ISO_RE = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})'
    r'(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?'
    r'(Z|[+-]\d{2}:?\d{2})?$')


def parse_iso(text):
    m = _ISO_RE.match(text.strip())
    if not m:
        raise ValueError('not an ISO date: %r' % text)
    year, month, day, hour, minute, second, frac, tz = m.groups()
    micro = int((frac or '0').ljust(6, '0'))
    dt = datetime.datetime(int(year), int(month), int(day),
                           int(hour or 0), int(minute or 0),
                           int(second or 0), micro)
    if tz and tz != 'Z':
        sign = 1 if tz[0] == '+' else -1
        digits = tz[1:].replace(':', '')
        offset = datetime.timedelta(hours=int(digits[:2]),
                                    minutes=int(digits[2:]))
        dt -= sign * offset
    return dt


def parse_date(text):
    return parse_iso(text).date()
