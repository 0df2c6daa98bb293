try:
    import app.models
except ImportError:
    pass
