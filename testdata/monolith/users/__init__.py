"""User accounts, login and profile pages.

Other packages are supposed to go through users.api only.
"""
