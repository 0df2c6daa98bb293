from shop.orders import models
