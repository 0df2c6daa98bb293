"""Repositories for billing tables."""

from sqlalchemy import select

from sqla import models as m
from sqla.models import Customer, Order
from sqla.schemas import CustomerSchema


class CustomerRepository(object):
    def __init__(self, session):
        self.session = session
        self.schema = CustomerSchema()

    def find(self, customer_id):
        return self.session.query(Customer).filter(Customer.id == customer_id).one_or_none()  # data: read sqla.models.Customer

    def create(self, full_name):
        customer = Customer(full_name=full_name)
        self.session.add(customer)  # data: write sqla.models.Customer
        self.session.flush()
        return customer

    def place_order(self, customer_id, total_cents):
        self.session.add(Order(customer_id=customer_id, total_cents=total_cents))  # data: write sqla.models.Order
        self.session.flush()

    def open_orders(self, customer_id):
        stmt = select(m.Order).where(m.Order.customer_id == customer_id, m.Order.deleted_at.is_(None))  # data: read sqla.models.Order
        return self.session.execute(stmt).scalars().all()

    def export(self, customer_ids):
        found = [self.find(cid) for cid in customer_ids]
        return self.schema.dump_many([c for c in found if c is not None])
