import importlib
importlib.import_module('.d', __package__)
importlib.import_module('.sub', __name__)
def later():
    return __import__('pkg.x')
