"""Code shared by every app in the datafixtures project."""
