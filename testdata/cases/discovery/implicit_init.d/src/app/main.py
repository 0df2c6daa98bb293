from app.core import store
import app.core.store
import tools.gen.proto
import store
