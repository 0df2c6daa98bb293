"""Caches and renderers private to content/."""
