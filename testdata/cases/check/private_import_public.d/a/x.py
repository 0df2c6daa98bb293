import b
import b.api
from b.internal import db
