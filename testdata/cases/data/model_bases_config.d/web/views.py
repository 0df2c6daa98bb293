from shop.models import Order


def checkout(total):
    Order(total=total).save()
