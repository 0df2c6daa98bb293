from google.appengine.ext import ndb


class Note(ndb.Model):
    text = ndb.TextProperty()
