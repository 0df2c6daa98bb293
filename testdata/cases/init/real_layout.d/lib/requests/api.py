from shop.vendor import chardet
