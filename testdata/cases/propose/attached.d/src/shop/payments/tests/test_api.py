from shop.payments import api
from shop.orders.models import Order


def test_charge():
    Order.objects.create(total=1)
    api.charge(1)
