"""The old audit log table, still mapped with sqlalchemy.ext.declarative."""

from sqlalchemy import Column, Integer, Text
from sqlalchemy.ext.declarative import declarative_base

LegacyBase = declarative_base()


class AuditRow(LegacyBase):  # model audit_log
    __tablename__ = 'audit_log'

    id = Column(Integer, primary_key=True)
    entry = Column(Text)


def health_check(session):
    probe = AuditRow(entry='health probe')
    session.add(probe)  # data: write sqla.legacy.AuditRow
    session.flush()
    session.delete(probe)  # data: write sqla.legacy.AuditRow
    session.rollback()
    return session.query(AuditRow).count()  # data: read sqla.legacy.AuditRow
