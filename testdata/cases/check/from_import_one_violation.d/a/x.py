from b.y import f, g
from b.y import (
    h)
