from shop.orders import models
from shop.orders.migrations.tasks.fill import fill_totals  # code beside the migrations, not one
