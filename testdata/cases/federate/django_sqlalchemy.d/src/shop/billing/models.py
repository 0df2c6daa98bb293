from typing import Optional

from sqlalchemy import Column, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Invoice(Base):
    __tablename__ = "invoices"
    id = Column(Integer, primary_key=True)
    number = Column(String(32), nullable=False)
    amount = Column(Numeric(10, 2))
    order_code = Column(String(20), ForeignKey("orders.code"))
    note: Mapped[Optional[str]] = mapped_column()
    pages: Mapped[int]
