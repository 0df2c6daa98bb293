from app import settings
