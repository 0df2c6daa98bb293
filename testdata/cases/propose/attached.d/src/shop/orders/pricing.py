from shop.orders.models import Order


def with_tax(total):
    return total + Order.objects.count()
