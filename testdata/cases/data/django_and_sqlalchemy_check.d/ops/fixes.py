from billing.db import Invoice, Session
from shop.models import Order


def refund(total):
    Order.objects.create(total=-total)
    session = Session()
    session.add(Invoice(amount=-total))
    session.commit()
