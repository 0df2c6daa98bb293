from google.appengine.ext import ndb


class Plan(ndb.Model):
    title = ndb.StringProperty()
