import b.y  # cutline: ignore[undeclared-dependency] b.y moves to a next quarter
# cutline: ignore[undeclared-dependency] the legacy path
import b.z
from b import (  # cutline: ignore[undeclared-dependencies] typo
    y)
