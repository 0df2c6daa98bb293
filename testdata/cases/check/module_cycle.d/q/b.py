def f():
    import q.a
