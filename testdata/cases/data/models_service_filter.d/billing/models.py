from google.appengine.ext import ndb


class Invoice(ndb.Model):
    total = ndb.IntegerProperty()


def bill(total):
    Invoice(total=total).put()
