"""Coach pages."""
