from billing.db import Invoice
from shop.models import Order


def close_month(session):
    big = Order.objects.filter(total__gt=100).count()
    return big, session.query(Invoice).all()
