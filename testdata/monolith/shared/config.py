"""Per-deployment configuration.

Values can be overridden in appengine_config.py with ``learnery_<NAME>``.
"""
import os

from google.appengine.api import lib_config

_config = lib_config.register('learnery', {
    'SECRET_KEY': 'dev-only-secret-do-not-ship',
    'EMAIL_SENDER': 'no-reply@learnery.example.org',
    'ENABLE_PUSH': False,
    'ENABLE_SMS': False,
    'FACEBOOK_APP_ID': '',
    'YOUTUBE_API_KEY': '',
    'DIGEST_BATCH_SIZE': 100,
})


def is_dev_server():
    return os.environ.get('SERVER_SOFTWARE', '').startswith('Development')


def is_test():
    return os.environ.get('LEARNERY_TESTING') == '1'


def get(name, default=None):
    return getattr(_config, name, default)


def app_version():
    return os.environ.get('CURRENT_VERSION_ID', 'dev.1').split('.')[0]


def app_id():
    return os.environ.get('APPLICATION_ID', 'dev~learnery')
