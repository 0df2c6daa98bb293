"""Student progress: video logs, exercise mastery, points and badges.

Heads-up: this package has its own ``collections`` module, so a bare
``import collections`` in here gets progress.collections unless the module
uses ``from __future__ import absolute_import``.
"""
