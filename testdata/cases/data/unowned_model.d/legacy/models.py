from google.appengine.ext import ndb


class Timestamped(ndb.Model):
    created = ndb.DateTimeProperty(auto_now_add=True)


class Ticket(Timestamped):
    subject = ndb.StringProperty()


def open_ticket(subject):
    Ticket(subject=subject).put()
