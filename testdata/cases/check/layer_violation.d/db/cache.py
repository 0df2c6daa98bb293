from core import settings
