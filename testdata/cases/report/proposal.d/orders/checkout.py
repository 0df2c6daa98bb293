from catalog.products import find
from catalog.models import Product
from orders.models import Order
from payments.api import charge
from payments.models import Payment


def checkout(pid, thing):
    product = find(pid)
    Product.query().fetch(10)
    order = Order(total=1)
    order.put()
    charge(order)
    Payment(order=order.key).put()
    thing.put()
