"""One of each Python 2 construct a port must handle."""
import webapp2
import jinja2
from jinja2 import Template
import util


def lookup(d, key):
    print "looking up", key
    try:
        value = d[key]
    except KeyError, e:
        raise ValueError, "missing %s" % `key`
    if d.has_key(key) and value <> None:
        exec "x = 1" in {}
    for k, v in d.iteritems():
        pass
    return unicode(value) + str(10L)


def render(name):
    return Template(name).render()


class Page(webapp2.RequestHandler):
    def get(self):
        self.response.write(lookup({}, 'a'))
