def charge():
    import orders.api
