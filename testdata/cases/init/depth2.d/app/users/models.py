import app.billing.invoice
