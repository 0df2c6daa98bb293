# -*- coding: utf-8 -*-
"""Readable ids for videos and articles."""
import re
import unicodedata

from shared import common

_STRIP_RE = re.compile(ur'[^\w\s-]', re.UNICODE)
_DASH_RE = re.compile(r'[-\s]+')


def readable_id(title):
    title = common.to_unicode(title)
    ascii_title = unicodedata.normalize('NFKD', title).encode('ascii', 'ignore')
    cleaned = _STRIP_RE.sub(u'', ascii_title.decode('ascii')).strip().lower()
    return _DASH_RE.sub(u'-', cleaned)


def unique_readable_id(title, exists):
    base = readable_id(title) or u'untitled'
    candidate, n = base, 1
    while exists(candidate):
        n += 1
        candidate = u'%s-%d' % (base, n)
    return candidate
