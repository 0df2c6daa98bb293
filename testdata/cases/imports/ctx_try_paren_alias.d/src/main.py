try:
    import a
except (ImportError) as err:
    pass
try:
    import b
except (ValueError, ImportError) as err:
    pass
