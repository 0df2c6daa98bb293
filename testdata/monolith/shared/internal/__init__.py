"""Implementation details of shared/. Not for use outside shared."""
