import logging
import os

CONFIG = open('config.json').read()
HANDLER = logging.FileHandler("adb.log")
ENTRY = os.path.join(os.path.dirname(__file__), '__main__.py')
DATA = 'config.yaml'
NOTES = "tools.md"
SERIALIZER = 'app.json_utils'     # a module: counts
LOGGING = 'app.log'               # a module named like an extension: counts
