"""Directory (LDAP) accounts.

These records come from the company directory and are cached in memory.
They are never stored in any datastore.
"""


class DirectoryError(Exception):
    pass


class Account(object):
    _cache = {}

    def __init__(self, uid, mail, groups=()):
        self.uid = uid
        self.mail = mail
        self.groups = list(groups)

    @classmethod
    def get(cls, uid):
        return cls._cache.get(uid)

    @classmethod
    def remember(cls, entry):
        cls._cache[entry.uid] = entry
        return entry

    def is_staff(self):
        return 'staff' in self.groups
