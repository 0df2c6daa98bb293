"""Support tickets, mapped with the 2.0-style DeclarativeBase."""

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class ModernBase(DeclarativeBase):  # model ModernBase abstract
    pass


class Ticket(ModernBase):  # model tickets
    __tablename__ = 'tickets'

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(120))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    comments = relationship("TicketComment", back_populates="ticket")  # data: reference sqla.modern.TicketComment


class TicketComment(ModernBase):  # model ticket_comments
    __tablename__ = 'ticket_comments'

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey('tickets.id'))  # data: reference sqla.modern.Ticket
    text: Mapped[str] = mapped_column(String(2000))
    ticket = relationship(Ticket, back_populates="comments")  # data: reference sqla.modern.Ticket


def import_tickets(session, rows):
    imported = 0
    for row in rows:
        ticket = Ticket(subject=row['subject'])
        if row.get('spam'):
            continue
        session.add(ticket)  # data: write sqla.modern.Ticket
        imported += 1
    session.commit()
    return imported
