"""Version 1 of the API.

The submodules below are named after the top-level packages they expose.
This file has no absolute_import, so these are implicit relative imports:
``users`` here is api.v1.users, not the top-level users package.
"""
import users
import content
import exercises
import progress
import coaches
import notifications

VERSION = 'v1'
MODULES = (users, content, exercises, progress, coaches, notifications)
