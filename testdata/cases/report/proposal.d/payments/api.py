from payments.models import Payment


def charge(order):
    Payment(amount=order.total).put()
