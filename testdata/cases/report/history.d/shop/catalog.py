from shop import pricing
from shop.models import Product
