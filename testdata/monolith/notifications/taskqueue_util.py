"""Runs notification work on the task queue."""
import logging

from google.appengine.api import taskqueue
from google.appengine.ext import deferred

QUEUE = 'notifications'


def _send_deferred(to, kind, context, subject_params):
    # The sender module is heavy (mail API, templates); load it on demand.
    package = __import__('notifications.email_sender')
    package.email_sender.send(to, kind, context, **subject_params)


def enqueue_email(to, kind, context, **subject_params):
    try:
        deferred.defer(_send_deferred, to, kind, context, subject_params,
                       _queue=QUEUE)
    except taskqueue.Error, e:
        logging.error('could not enqueue %s email: %s', kind, e)


def enqueue_url(url, params):
    taskqueue.add(url=url, params=params, queue_name=QUEUE)
