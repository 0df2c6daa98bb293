from django.db import models


class Order(models.Model):
    code = models.CharField(max_length=20, primary_key=True)
    customer = models.ForeignKey("accounts.Customer", on_delete=models.CASCADE)
    parent = models.ForeignKey("self", null=True, on_delete=models.SET_NULL)
    lines = models.ManyToManyField("Product")
    placed = models.DateTimeField(auto_now_add=True)
    paid = models.BooleanField(default=False)


class Product(models.Model):
    sku = models.SlugField()
    price = models.FloatField()


def get(code: str, *items: str) -> Order:
    return Order.objects.get(code=code)


def totals(codes: List[str], since: "datetime" = None) -> Dict[str, float]:
    return {}
