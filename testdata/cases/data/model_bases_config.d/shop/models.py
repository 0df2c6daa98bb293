from mylib import orm
from mylib.orm import Entity as E


class Order(E):
    total = 0


class Item(orm.Entity):
    sku = ''


class LineItem(Item):
    qty = 1


class Cart(object):
    pass
