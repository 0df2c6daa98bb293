from google.appengine.ext import ndb


class Payment(ndb.Model):
    amount = ndb.IntegerProperty()
