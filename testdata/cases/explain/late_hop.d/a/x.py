def f():
    import b.y
