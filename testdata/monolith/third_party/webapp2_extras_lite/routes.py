"""Route helpers: prefix a list of routes with a common path."""


class PrefixedRoutes(object):
    def __init__(self, prefix, routes):
        self.prefix = prefix.rstrip('/')
        self.routes = routes

    def expand(self, route_cls):
        for template, handler in self.routes:
            yield route_cls(self.prefix + template, handler)


def lazy_handler(dotted_path):
    """Returns the dotted path unchanged; webapp2 imports it on first use."""
    if '.' not in dotted_path:
        raise ValueError('handler path must be dotted: %r' % dotted_path)
    return dotted_path
