import a.y
import b.api
from b.internal import secret
