from mylib.orm import Entity


class Order(Entity):
    total = 0
