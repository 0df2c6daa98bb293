"""Thin memcache wrapper that degrades to a no-op outside App Engine."""
import logging

try:
    from google.appengine.api import memcache
except ImportError:
    memcache = None

_local = {}


def get(key, namespace=None):
    if memcache is None:
        return _local.get((namespace, key))
    return memcache.get(key, namespace=namespace)


def set(key, value, time=0, namespace=None):
    if memcache is None:
        _local[(namespace, key)] = value
        return True
    if not memcache.set(key, value, time=time, namespace=namespace):
        logging.warning('memcache set failed for %s', key)
        return False
    return True


def delete(key, namespace=None):
    if memcache is None:
        _local.pop((namespace, key), None)
        return
    memcache.delete(key, namespace=namespace)


def get_multi(keys, namespace=None):
    if memcache is None:
        return dict((k, _local[(namespace, k)]) for k in keys
                    if (namespace, k) in _local)
    return memcache.get_multi(keys, namespace=namespace)
