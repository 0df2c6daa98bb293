"""Billing tables, mapped with the classic declarative base."""

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import relationship

from shared.sqlbase import Base


class SoftDeleteBase(Base):  # model SoftDeleteBase abstract
    __abstract__ = True

    deleted_at = Column(DateTime, nullable=True)


class Customer(Base):  # model customers
    __tablename__ = 'customers'

    id = Column(Integer, primary_key=True)
    full_name = Column(String(200), nullable=False)
    orders = relationship("Order", back_populates="customer")  # data: reference sqla.models.Order


class Order(SoftDeleteBase):  # model orders
    __tablename__ = 'orders'

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey('customers.id'), nullable=False)  # data: reference sqla.models.Customer
    total_cents = Column(Integer, default=0)
    customer = relationship(Customer, back_populates="orders")  # data: reference sqla.models.Customer


class Invoice(SoftDeleteBase):  # model invoices
    __tablename__ = 'invoices'

    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey('orders.id'))  # data: reference sqla.models.Order
    amount_due = Column(Integer, default=0)
    order = relationship("Order")  # data: reference sqla.models.Order
