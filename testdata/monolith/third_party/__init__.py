"""Vendored libraries.

appengine_config.py also puts this directory on sys.path, but app code
should import from ``third_party`` explicitly so that greps find the uses.
"""
