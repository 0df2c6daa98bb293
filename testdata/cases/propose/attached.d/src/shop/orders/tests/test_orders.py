from shop.orders import views
from shop.payments.models import Payment


def test_place():
    Payment.objects.create(amount=1)
    Payment.objects.create(amount=2)
    views.place(3)
