"""Retry helpers around ndb transactions."""
import logging
import time

from google.appengine.api import datastore_errors
from google.appengine.ext import ndb


def run_with_retries(fn, retries=3, xg=False):
    attempt = 0
    while True:
        try:
            return ndb.transaction(fn, retries=0, xg=xg)
        except datastore_errors.TransactionFailedError, e:
            attempt += 1
            if attempt > retries:
                logging.error('giving up after %d attempts: %s', attempt, e)
                raise
            time.sleep(0.05 * (2 ** attempt))


def transactional_xg(fn):
    def wrapper(*args, **kwargs):
        return run_with_retries(lambda: fn(*args, **kwargs), xg=True)
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper
