try:
    import g
except* ImportError:
    import h
