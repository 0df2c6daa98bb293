from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.orm import DeclarativeBase

Legacy = declarative_base()


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = 'authors'


class Book(Legacy):
    __tablename__ = 'books'


class Mixin(object):
    pass
