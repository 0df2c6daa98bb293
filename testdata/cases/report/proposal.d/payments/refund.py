from payments import api


def refund(oid):
    from orders.models import Order
    order = Order.get_by_id(oid)
    order.total = 0
    order.put()
