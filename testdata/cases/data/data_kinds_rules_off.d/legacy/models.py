from google.appengine.ext import ndb


class Ticket(ndb.Model):
    subject = ndb.StringProperty()
