from google.appengine.ext import ndb
class Product(ndb.Model):
    name = ndb.StringProperty()
def restock(pid):
    p = Product.get_by_id(pid)
    p.name = 'x'
    p.put()
