from shop.models import Product
def price(pid):
    return Product.get_by_id(pid)
