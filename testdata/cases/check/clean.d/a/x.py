import b.api
from b.api import handler
