"""Internals of the users package: auth, sessions and tokens.

Nothing outside users/ should import from here.
"""
