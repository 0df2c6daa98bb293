"""Problem generation internals."""
