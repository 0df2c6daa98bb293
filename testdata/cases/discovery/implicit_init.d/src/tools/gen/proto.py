from app.core.store import put
