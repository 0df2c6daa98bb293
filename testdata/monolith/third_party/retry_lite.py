"""Retry decorator with exponential backoff."""
import functools
import random
import time


def retry(exceptions=(Exception,), tries=3, delay=0.1, backoff=2.0,
          jitter=0.05):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            remaining, wait = tries, delay
            while True:
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    remaining -= 1
                    if remaining <= 0:
                        raise
                    time.sleep(wait + random.uniform(0, jitter))
                    wait *= backoff
        return wrapper
    return decorator
