from google.appengine.ext import db as gdb
from google.appengine.ext.ndb import polymodel
from google.cloud import ndb as cloud_ndb

DbModel = gdb.Model
Poly = polymodel.PolyModel
CloudModel = cloud_ndb.Model
