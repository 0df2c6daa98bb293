from django.db import models


class Customer(models.Model):
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=200, null=True)
    credit = models.DecimalField(max_digits=10, decimal_places=2)
    country = CountryField()
    tags = models.JSONField(default=dict)
    objects = CustomerManager()

    class Meta:
        db_table = "customer"


def get(customer_id: int) -> Customer:
    return Customer.objects.get(pk=customer_id)


def rename(customer_id: int, name: Optional[str] = None, *, notify: bool = False) -> None:
    c = Customer.objects.get(pk=customer_id)
    c.name = name
    c.save()
