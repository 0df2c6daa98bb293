from django.db import models


class Order(models.Model):
    total = models.IntegerField()

    class Meta:
        db_table = 'shop_orders'
