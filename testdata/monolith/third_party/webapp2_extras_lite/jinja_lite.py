"""A deliberately tiny template engine: ``{{ name|filter }}`` only."""
import os
import re

_VAR_RE = re.compile(r'\{\{\s*([\w.]+)((?:\|\w+)*)\s*\}\}')


class Environment(object):
    def __init__(self, root, auto_reload=False):
        self.root = root
        self.auto_reload = auto_reload
        self.filters = {}
        self._cache = {}

    def add_filter(self, name, fn):
        self.filters[name] = fn

    def _load(self, name):
        if self.auto_reload or name not in self._cache:
            with open(os.path.join(self.root, name)) as f:
                self._cache[name] = f.read().decode('utf-8')
        return self._cache[name]

    def _lookup(self, context, dotted):
        value = context
        for part in dotted.split('.'):
            if isinstance(value, dict):
                value = value.get(part, u'')
            else:
                value = getattr(value, part, u'')
        return value

    def render(self, name, context):
        def replace(match):
            value = self._lookup(context, match.group(1))
            for filter_name in filter(None, match.group(2).split('|')):
                value = self.filters[filter_name](value)
            return unicode(value)
        return _VAR_RE.sub(replace, self._load(name))
