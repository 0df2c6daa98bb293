import billing.api
