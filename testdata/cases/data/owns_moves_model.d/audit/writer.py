from core.models import AuditLog


def record(what):
    AuditLog(what=what).put()
