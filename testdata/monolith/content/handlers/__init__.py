"""Request handlers for content pages.

Careful: ``models`` in this package is the view-model module
(content/handlers/models.py), not content/models.py.
"""
