"""Declarative base shared by the SQLAlchemy reporting tables."""

from sqlalchemy import MetaData
from sqlalchemy.orm import declarative_base

NAMING = {
    'ix': 'ix_%(column_0_label)s',
    'fk': 'fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s',
    'pk': 'pk_%(table_name)s',
}

Base = declarative_base(metadata=MetaData(naming_convention=NAMING))
