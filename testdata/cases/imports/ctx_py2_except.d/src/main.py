try:
    import a
except ImportError, e:
    import b
try:
    import c
except (ValueError, ImportError), e:
    pass
try:
    import d
except ValueError, ImportError:
    pass
