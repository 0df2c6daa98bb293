# Tests define one model twice: at module level, and once per test method.
from google.appengine.ext import ndb


class Counter(ndb.Model):
    n = ndb.IntegerProperty()


class Counter(ndb.Model):      # rebinds Counter: this one is the model
    n = ndb.IntegerProperty()
    label = ndb.StringProperty()


class CounterTest(object):
    def test_put(self):
        class Row(ndb.Model):
            a = ndb.StringProperty()
        Row(a='1').put()

    def test_put_again(self):
        class Row(ndb.Model):
            b = ndb.StringProperty()
        Row(b='1').put()
        Counter(n=1).put()

    def test_twice(self):
        class Row(ndb.Model):
            a = ndb.StringProperty()

        class Row(ndb.Model):
            c = ndb.StringProperty()
        Row.query().fetch()
