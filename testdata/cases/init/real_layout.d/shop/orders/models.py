from shop.payments import charge
