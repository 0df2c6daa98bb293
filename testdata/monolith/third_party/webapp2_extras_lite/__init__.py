"""Small extras for webapp2 that the app grew before webapp2_extras existed."""

__all__ = ['sessions', 'jinja_lite', 'routes']
