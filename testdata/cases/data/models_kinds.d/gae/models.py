from google.appengine.ext import db
from google.appengine.ext.db import polymodel as dbpoly

from lib.bases import CloudModel, DbModel, Poly


class Greeting(DbModel):
    @classmethod
    def kind(cls):
        return 'Salutation'


class Animal(Poly):
    name = None


class Dog(Animal):
    breed = None


class Page(db.Expando):
    pass


class Shape(dbpoly.PolyModel):
    pass


class Ticket(CloudModel):
    pass


class NotAModel(object):
    pass
