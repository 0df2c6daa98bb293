from shop.payments.models import Payment
from shop.payments import gateway


def charge(amount):
    gateway.send(amount)
    return Payment.objects.create(amount=amount)
