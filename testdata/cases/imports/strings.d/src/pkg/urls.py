"""Routes for pkg.models; see also 'pkg.models' in the docs."""
ROUTES = [
    ('/a', 'pkg.handlers.Handler'),
    ('/b', "pkg.handlers"),
    ('/c', 'pkg.models.deep.Thing'),
    ('/d', 'os.path.join'),
    ('/e', 'not.a.module'),
    ('/f', 'pkg.urls.ROUTES'),
    ('/g', u'pkg.models'),
    ('/j', 'pkg'),
    ('/l', 'pkg.models '),
]
def f():
    """pkg.handlers.Handler"""
