import b.api
import b.internal
from b.internal import db
