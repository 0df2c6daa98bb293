from billing import ledger
