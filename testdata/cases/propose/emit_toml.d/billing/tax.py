from billing import ledger
HANDLERS = ["shop.catalog"]  # a string reference: check counts it as a dependency
