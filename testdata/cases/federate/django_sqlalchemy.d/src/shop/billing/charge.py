from shop.accounts.models import Customer, get, rename
from shop.orders.models import Order, totals
from shop.orders import models as order_models


def charge(code):
    order = order_models.get(code)
    customer = get(order.customer_id)
    rename(customer.id, "paid")
    Order.objects.filter(code=code).update(paid=True)
    return totals([code])


def refund(customer_id):
    Customer.objects.filter(pk=customer_id).delete()
