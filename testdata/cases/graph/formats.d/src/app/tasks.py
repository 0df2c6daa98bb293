import importlib
importlib.import_module("lib.core")
