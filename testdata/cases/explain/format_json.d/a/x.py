import b.y
from b.y import Y
