from core.base import Base
