"""Shared helpers used by every part of the webapp.

Nothing in here should know about users, content or progress.  (It does.
See shared/common.py.)
"""
