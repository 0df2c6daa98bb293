try:
    import a
except MyImportError:
    pass
try:
    import b
except ImportErrorWrapper:
    pass
try:
    import c
except errors.ImportError:
    pass
try:
    import d
except (KeyError, errors.ModuleNotFoundError) as e:
    pass
try:
    import e
except BaseExceptionGroup:
    pass
try:
    import f
except ImportWarning:
    pass
