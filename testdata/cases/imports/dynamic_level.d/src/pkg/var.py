import importlib
base = 'pkg'
importlib.import_module('.sib', base)
