"""Template rendering shared by every handler."""
import os

from third_party.webapp2_extras_lite import jinja_lite

from shared import common
from shared import config
from shared import dates

TEMPLATE_ROOT = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                             'templates')

_FILTERS = {
    'slugify': common.slugify,
    'pretty_delta': dates.pretty_delta,
    'json': common.to_json,
}

_env = None


def environment():
    global _env
    if _env is None:
        _env = jinja_lite.Environment(TEMPLATE_ROOT,
                                      auto_reload=config.is_dev_server())
        for name, fn in _FILTERS.iteritems():
            _env.add_filter(name, fn)
    return _env


def render(template_name, context=None):
    context = dict(context or {})
    context.setdefault('app_version', config.app_version())
    context.setdefault('is_dev', config.is_dev_server())
    return environment().render(template_name, context)
