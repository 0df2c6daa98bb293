import b.db

def later():
    import b.db
