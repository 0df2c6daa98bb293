"""App Engine configuration hooks; loaded before any request is handled."""
import os
import sys

from google.appengine.ext import vendor

# Vendored libraries live in third_party/.  App code imports them as
# ``third_party.<name>``, but some vendored packages (and the ``typing``
# stand-in) are imported by their plain name, so third_party is also put on
# sys.path.
vendor.add('third_party')

_ROOT = os.path.dirname(os.path.abspath(__file__))
if os.path.join(_ROOT, 'third_party') not in sys.path:
    sys.path.insert(0, os.path.join(_ROOT, 'third_party'))

# Overrides for shared.config (lib_config prefix "learnery_").
learnery_EMAIL_SENDER = 'Learnery <no-reply@learnery.example.org>'
learnery_DIGEST_BATCH_SIZE = 250
learnery_ENABLE_PUSH = os.environ.get('SERVER_SOFTWARE', '').startswith(
    'Google App Engine')

remoteapi_CUSTOM_ENVIRONMENT_AUTHENTICATION = (
    'HTTP_X_APPENGINE_INBOUND_APPID', ['learnery-tools'])


def webapp_add_wsgi_middleware(app):
    from google.appengine.ext.appstats import recording
    if os.environ.get('LEARNERY_APPSTATS') == '1':
        app = recording.appstats_wsgi_middleware(app)
    return app
