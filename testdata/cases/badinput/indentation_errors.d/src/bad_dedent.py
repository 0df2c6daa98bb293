def f():
        import a
    import b
import c
