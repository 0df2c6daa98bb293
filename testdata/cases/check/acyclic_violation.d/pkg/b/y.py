def load():
    from pkg import a
