"""Mirrors directory accounts into datastore Accounts."""

import logging

from ndbapp import models
from shared.accounts import Account


def sync_user(uid):
    entry = Account.get(uid)
    if entry is None:
        logging.warning('no directory entry for %s', uid)
        return None
    account = models.Account.query(models.Account.email == entry.mail).get()  # data: read ndbapp.models.Account
    if account is None:
        account = models.Account(email=entry.mail)
    account.plan = 'staff' if entry.is_staff() else 'directory'
    account.put()  # data: write ndbapp.models.Account
    return account


def sync_all(uids):
    return [sync_user(uid) for uid in uids if Account.get(uid) is not None]
