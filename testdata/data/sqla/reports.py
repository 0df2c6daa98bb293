"""Reporting queries over billing and support tables."""

from sqlalchemy import select

from sqla.models import Customer, Invoice, Order
from sqla.modern import Ticket

OPEN_TICKETS = select(Ticket).where(Ticket.closed.is_(False))  # data: read sqla.modern.Ticket


def order_counts(session):
    count_for = lambda s, cid: s.query(Order).filter(Order.customer_id == cid).count()  # data: read sqla.models.Order

    def _customers():
        return session.query(Customer).order_by(Customer.full_name).all()  # data: read sqla.models.Customer

    return dict((c.full_name, count_for(session, c.id)) for c in _customers())


def unpaid_invoices(session):
    stmt = select(Invoice).where(Invoice.amount_due > 0, Invoice.deleted_at.is_(None))  # data: read sqla.models.Invoice
    return session.execute(stmt).scalars().all()


def open_ticket_subjects(session):
    return [t.subject for t in session.execute(OPEN_TICKETS).scalars()]
