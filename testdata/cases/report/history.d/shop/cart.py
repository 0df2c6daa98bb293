from shop import catalog, pricing
from billing import invoice
