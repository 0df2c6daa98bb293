import importlib
from importlib import import_module
__import__('pkg.a')
importlib.import_module('pkg.b')
import_module('.c', 'pkg')
import_module('.c', package='pkg')
import_module('..x', 'pkg.sub')
importlib.import_module('.a')
importlib.import_module('.d', __package__)
name = 'pkg.a'
__import__(name)
importlib.import_module(name)
__import__(f'pkg.{name}')
__import__('pkg.\x61')
__import__('os.path')
importlib.import_module('nowhere.mod')
