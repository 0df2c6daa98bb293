from b import (  # cutline: ignore[undeclared-dependency] moving to a soon
    y,
    z)
from b import (
    y)
