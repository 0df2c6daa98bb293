"""Email subject lines and bodies."""
from shared import templates as page_templates

SUBJECTS = {
    'badge': u'You earned a badge: %(badge)s',
    'coach_request': u'%(coach)s wants to be your coach',
    'digest': u'Your week on Learnery',
}


def subject(kind, **params):
    return SUBJECTS[kind] % params


def body(kind, context):
    return page_templates.render('emails/%s.txt' % kind, context)
