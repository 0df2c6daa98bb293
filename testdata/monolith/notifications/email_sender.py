"""Sends email through the App Engine mail API and logs it."""
import logging

from google.appengine.api import mail

import templates
from models import EmailLog
from shared import config


def send(to, kind, context, **subject_params):
    subject = templates.subject(kind, **subject_params)
    ok = True
    try:
        mail.send_mail(sender=config.get('EMAIL_SENDER'), to=to,
                       subject=subject, body=templates.body(kind, context))
    except mail.Error, e:
        logging.error('failed to send %s to %s: %s', kind, to, e)
        ok = False
    EmailLog(to=to, subject=subject, template=kind, success=ok).put()
    return ok


def recent_failures(limit=50):
    return EmailLog.all().filter('success =', False).order('-sent').fetch(limit)
