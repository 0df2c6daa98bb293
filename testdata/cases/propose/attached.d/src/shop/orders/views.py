from shop.orders.models import Order
from shop.orders import pricing


def place(total):
    order = Order.objects.create(total=pricing.with_tax(total))
    return order
