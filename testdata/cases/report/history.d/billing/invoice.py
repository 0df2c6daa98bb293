from billing import tax, ledger
from billing.models import Invoice
